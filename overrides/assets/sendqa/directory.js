/* sendqa services directory: narrow the list by keyword, the child's age, need, kind of support
 * and town, and sort it by distance from the reader.
 *
 * Without JavaScript the page is a plain list of every service and the form stays hidden, so
 * nothing on the page depends on this file. The filter state is kept in the address
 * (?q=&age=&need=&kind=&town=) so a filtered list can be bookmarked or shared. A date of birth
 * is turned into an age here and never put in the address; the reader's position (asked for
 * only when they choose "Nearest to me") never leaves the browser: distances are worked out
 * here, from each service's map points in the page.
 */
(function () {
  "use strict";

  function fold(text) {
    return (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['\u2018\u2019`]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  // Small words of a question ("help for my son with autism") that would rule out services
  // whose text lacks them; left out unless nothing else is typed.
  var SMALL_WORDS = " a an and are at can do for from get how i in is my of on or our the to " +
    "what where who with you your ";

  function keywords(text) {
    var words = fold(text).split(" ").filter(Boolean);
    var kept = words.filter(function (word) {
      return SMALL_WORDS.indexOf(" " + word + " ") === -1;
    });
    return kept.length ? kept : words;
  }

  function has(list, value) {
    return !value || (" " + (list || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function servesAge(item, value) {
    if (value === "" || value === null || value === undefined) {
      return true;
    }
    var age = parseInt(value, 10);
    var low = parseInt(item.getAttribute("data-min-age"), 10);
    var high = parseInt(item.getAttribute("data-max-age"), 10);
    if (isNaN(age)) {
      return has(item.getAttribute("data-ages"), value); // an age group id from an old link
    }
    return !isNaN(low) && !isNaN(high) && low <= age && age <= high;
  }

  function inTown(item, town) {
    if (!town) {
      return true;
    }
    return ("|" + (item.getAttribute("data-towns") || "") + "|").indexOf("|" + town + "|") !== -1;
  }

  function ageOn(born, today) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(born || "");
    if (!parts) {
      return null;
    }
    var year = +parts[1];
    var month = +parts[2];
    var day = +parts[3];
    var age = today.getFullYear() - year;
    if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) {
      age -= 1;
    }
    return age;
  }

  function milesBetween(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a =
      Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 3958.8 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function nearestMiles(item, lat, lon) {
    var best = null;
    (item.getAttribute("data-points") || "").split(";").forEach(function (point) {
      var ll = point.split(",");
      if (ll.length === 2) {
        var miles = milesBetween(lat, lon, parseFloat(ll[0]), parseFloat(ll[1]));
        if (best === null || miles < best) {
          best = miles;
        }
      }
    });
    return best;
  }

  function setUp(form) {
    var list = document.querySelector("[data-sendqa-directory]");
    var status = document.querySelector("[data-sendqa-status]");
    if (!list) {
      return;
    }
    var items = Array.prototype.slice.call(list.querySelectorAll(".sendqa-service"));
    items.forEach(function (item) {
      item.sendqaText = fold(item.getAttribute("data-search"));
    });
    var total = items.length;
    var fields = ["q", "age", "need", "kind", "town"];
    var born = form.querySelector("[data-sendqa-born]");
    var nearest = form.querySelector("[data-sendqa-nearest]");
    var sortedBy = "";

    function values() {
      var result = {};
      fields.forEach(function (name) {
        var field = form.elements[name];
        result[name] = field ? field.value : "";
      });
      return result;
    }

    function apply(updateAddress) {
      var v = values();
      var words = keywords(v.q);
      var shown = 0;
      items.forEach(function (item) {
        var match =
          servesAge(item, v.age) &&
          inTown(item, v.town) &&
          has(item.getAttribute("data-needs"), v.need) &&
          has(item.getAttribute("data-kinds"), v.kind) &&
          words.every(function (word) {
            return item.sendqaText.indexOf(word) !== -1;
          });
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      if (status) {
        var order = sortedBy ? " Nearest first." : "";
        if (shown === total) {
          status.textContent = "Showing all " + total + " services." + order;
        } else if (shown === 0) {
          status.textContent =
            "No services match. Try fewer or different words, or choose Clear to see every service.";
        } else {
          status.textContent =
            "Showing " + shown + " of " + total + (total === 1 ? " service." : " services.") +
            (v.age !== "" ? " Each can help a child aged " + v.age + "." : "") +
            (v.town
              ? " Services that come to you or work by phone have no town: choose Anywhere to " +
                "see them too."
              : "") +
            order;
        }
      }
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        fields.forEach(function (name) {
          if (v[name]) {
            params.set(name, v[name]);
          }
        });
        var query = params.toString();
        window.history.replaceState(
          null,
          "",
          window.location.pathname + (query ? "?" + query : "") + window.location.hash
        );
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (field && value !== null) {
        field.value = value;
      }
    });
    form.hidden = false;

    function showResults() {
      // On a phone the list starts below the form: bring the count and the first results
      // into view, and move focus to the count so a screen reader reads it.
      if (status) {
        status.setAttribute("tabindex", "-1");
        status.scrollIntoView({ block: "start" });
        status.focus({ preventScroll: true });
      }
    }

    if (born) {
      born.addEventListener("change", function () {
        var age = ageOn(born.value, new Date());
        var field = form.elements.age;
        if (field && age !== null && age >= 0 && age <= 25) {
          field.value = String(age);
        }
      });
    }

    if (nearest && navigator.geolocation && list.querySelector("[data-points]")) {
      nearest.hidden = false;
      nearest.addEventListener("click", function () {
        if (status) {
          status.textContent = "Finding where you are...";
        }
        navigator.geolocation.getCurrentPosition(
          function (position) {
            var lat = position.coords.latitude;
            var lon = position.coords.longitude;
            items.forEach(function (item) {
              item.sendqaMiles = nearestMiles(item, lat, lon);
              var note = item.querySelector(".sendqa-service__distance");
              if (item.sendqaMiles === null) {
                if (note) {
                  note.remove();
                }
                return;
              }
              if (!note) {
                note = document.createElement("p");
                note.className = "sendqa-service__distance";
                item.appendChild(note);
              }
              var miles = item.sendqaMiles;
              note.textContent =
                "About " + (miles < 10 ? miles.toFixed(1) : Math.round(miles)) + " miles away";
            });
            var sorted = items.slice().sort(function (a, b) {
              var ma = a.sendqaMiles === null ? Infinity : a.sendqaMiles;
              var mb = b.sendqaMiles === null ? Infinity : b.sendqaMiles;
              return ma - mb;
            });
            sorted.forEach(function (item) {
              list.appendChild(item);
            });
            sortedBy = "distance";
            apply(false);
            showResults();
          },
          function () {
            if (status) {
              status.textContent =
                "We could not find where you are. Choose your town or area instead.";
            }
          },
          { maximumAge: 600000, timeout: 15000 }
        );
      });
    }

    form.addEventListener("input", function () {
      apply(true);
    });
    form.addEventListener("change", function () {
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
      showResults();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        apply(true);
      }, 0);
    });
    apply(false);
    if (fields.some(function (name) { return params.get(name); })) {
      showResults(); // arrived with a choice made (from the home page's form)
    }
  }

  function start() {
    var forms = document.querySelectorAll("[data-sendqa-filter]");
    Array.prototype.forEach.call(forms, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
