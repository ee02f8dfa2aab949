/*
 * sendqa: "This page may be out of date".
 *
 * A static site is built on one day and read on another, so the build cannot know whether a
 * page is out of date when someone reads it. Each page's review line carries its review-by
 * date (data-review-by="YYYY-MM-DD"); when the reader's own date is after it, this script shows
 * a notice under the page title. The rule is the build's: overdue from the day after the
 * review-by date. The wording comes from checks/freshness.yml through this script tag's
 * data-title and data-text attributes.
 *
 * No dependency on Material's instant navigation, but it works with it: when Material's
 * document$ exists, the check runs again after every page change.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-sendqa-review-notice]");
  var TITLE = (script && script.getAttribute("data-title")) || "This page may be out of date";
  var TEXT = (script && script.getAttribute("data-text")) || "It was due to be checked by {date}.";
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  /* The reader's calendar date in their own time zone, as YYYY-MM-DD. */
  function readerDate() {
    var now = new Date();
    var month = String(now.getMonth() + 1);
    var day = String(now.getDate());
    return now.getFullYear() + "-" + (month.length < 2 ? "0" : "") + month + "-" +
      (day.length < 2 ? "0" : "") + day;
  }

  /* "1 March 2026": the date as the review line shows it, or written out here. */
  function longDate(review, iso) {
    var shown = review.querySelector('time[datetime="' + iso + '"]');
    if (shown && shown.textContent.trim()) {
      return shown.textContent.trim();
    }
    var parts = ISO_DATE.exec(iso);
    try {
      return new Intl.DateTimeFormat("en-GB", {
        day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
      }).format(new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3])));
    } catch (e) {
      return iso;
    }
  }

  function place(notice, review) {
    var article = review.closest("article") || document.querySelector("article");
    var heading = article && article.querySelector("h1");
    if (heading && heading.parentNode) {
      heading.parentNode.insertBefore(notice, heading.nextSibling);
    } else if (article) {
      article.insertBefore(notice, article.firstChild);
    } else {
      review.parentNode.insertBefore(notice, review);
    }
  }

  function check() {
    var review = document.querySelector("[data-review-by]");
    if (!review || review.hasAttribute("data-review-state")) {
      return; /* no review date, or this page was already checked */
    }
    var reviewBy = review.getAttribute("data-review-by");
    if (!ISO_DATE.test(reviewBy) || !(readerDate() > reviewBy)) {
      review.setAttribute("data-review-state", ISO_DATE.test(reviewBy) ? "in-date" : "unknown");
      return;
    }
    var notice = document.createElement("div");
    notice.className = "admonition warning sendqa-review-notice";
    notice.setAttribute("role", "status");
    var title = document.createElement("p");
    title.className = "admonition-title";
    var text = document.createElement("p");
    notice.appendChild(title);
    notice.appendChild(text);
    place(notice, review);
    review.setAttribute("data-review-state", "overdue");
    /* Fill the live region once it is on the page, so screen readers announce it. */
    window.setTimeout(function () {
      title.textContent = TITLE;
      text.textContent = TEXT.replace(/\{date\}/g, longDate(review, reviewBy));
    }, 0);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(check);  /* Material: first load and every instant page change */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
