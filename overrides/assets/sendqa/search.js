/* sendqa: point the site search at sendqa's worker (assets/javascripts/workers/sendqa-search.js),
 * which leaves the small words out of a question and then runs Material's own worker, given
 * here by its address. Runs before Material's script reads its settings. Without it, or if
 * anything here is missing, Material's search works as it always does.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var settings = document.getElementById("__config");
  // A site opened from files (file://) runs Material's worker another way: leave it be.
  if (!script || !settings || !script.getAttribute("data-worker") || location.protocol === "file:") {
    return;
  }
  var config;
  try {
    config = JSON.parse(settings.textContent);
  } catch (error) {
    return;
  }
  if (!config || !config.search) {
    return;
  }
  var own = new URL(script.getAttribute("data-worker"), document.baseURI);
  own.searchParams.set("worker", new URL(config.search, document.baseURI).href);
  config.search = own.href;
  settings.textContent = JSON.stringify(config);
})();
