/* sendqa: Material's own search worker, with the small words of a question left out.
 *
 * Material's search matches the start of every word typed, small words too, so "how to apply
 * for an EHCP" also matches every title with "formats", "another" or "today" in it, and those
 * come first. This worker drops the words lunr counts as stop words (how, to, for, an, from...)
 * from each query, unless nothing else is left, then lets Material's worker, loaded unchanged
 * from the address the page gives, do the search. Quoted words and words with a search mark
 * (+word, -word, word~1, title:word) are left as typed.
 *
 * Kept beside Material's worker so that Material finds its language files where it expects.
 * assets/sendqa/search.js points the page's search at this file.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY

  function withoutSmallWords(query) {
    var isWord = self.lunr && self.lunr.stopWordFilter;
    if (!isWord || typeof query !== "string" || query.indexOf('"') !== -1) {
      return query;
    }
    var words = query.trim().split(/\s+/);
    var kept = words.filter(function (word) {
      return !/^[a-z\u2019']+$/i.test(word) || isWord(word.toLowerCase()) !== undefined;
    });
    return kept.length ? kept.join(" ") : query;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY) {
      message.data = withoutSmallWords(message.data);
    }
  });

  var worker = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (worker.origin === self.location.origin) {
    importScripts(worker.href);
  }
})();
