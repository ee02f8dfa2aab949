/* sendqa services directory: narrow the list by keyword, age, need and kind of support.
 *
 * Without JavaScript the page is a plain list of every service and the form stays hidden, so
 * nothing on the page depends on this file. The filter state is kept in the address
 * (?q=&age=&need=&kind=) so a filtered list can be bookmarked or shared.
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
    var fields = ["q", "age", "need", "kind"];

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
          has(item.getAttribute("data-ages"), v.age) &&
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
        if (shown === total) {
          status.textContent = "Showing all " + total + " services.";
        } else if (shown === 0) {
          status.textContent =
            "No services match. Try fewer or different words, or choose Clear to see every service.";
        } else {
          status.textContent =
            "Showing " + shown + " of " + total + (total === 1 ? " service." : " services.");
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
    form.addEventListener("input", function () {
      apply(true);
    });
    form.addEventListener("change", function () {
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        apply(true);
      }, 0);
    });
    apply(false);
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
