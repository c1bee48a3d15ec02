// --post-js of the playground (after gort_api.js): the frame's side of
// embedding (README, "Embedding"), active in a page opened with ?embed=1
// inside an iframe.
//
//   - Commands come only from window.parent, and only from the origin the
//     frame's URL names (origin=, put there by web/embed.js); their JSON
//     text goes to C++ (gort_embed_command, web/embed_command.hpp), which
//     parses and refuses them. Messages without gort: 1 are not ours and
//     are ignored; a refused command is reported on the console.
//   - Events ({gort: 1, type, id, text?, exitCode?}, id from the URL's id=)
//     go to window.parent, addressed to that origin only; with no origin=
//     in the URL none are sent.
//   - While the frame is off-screen (scrolled out of the page's view, or
//     its tab hidden) its frame loop is paused: nothing runs or draws, so a
//     page of many embeds costs only the visible ones.
//   - "Open in playground" opens the full page (this page without the
//     embed's own keys) with the link this frame shows.
(function() {
  if (typeof window != 'object' ||
      (typeof ENVIRONMENT_IS_PTHREAD != 'undefined' && ENVIRONMENT_IS_PTHREAD)) return;
  var query = new URLSearchParams(location.search);
  if (query.get('embed') != '1' && query.get('embed') != 'true') return;
  var gort = window.gort;
  var host = window.parent !== window ? window.parent : null;
  var origin = query.get('origin'), id = query.get('id');

  if (host && origin) {
    var send = function(event) {
      event.gort = 1;
      event.id = id;
      host.postMessage(event, origin);
    };
    Module['gortEmbedEvent'] = function(json) { send(JSON.parse(json)); };
    gort.ready.then(function() { send({type: 'ready'}); }, function() {});
  }
  if (host) {
    window.addEventListener('message', function(e) {
      if (e.source !== host || (origin && e.origin !== origin)) return;
      var d = e.data;
      if (typeof d == 'string') {
        try { d = JSON.parse(d); } catch (x) { return; }
      }
      if (typeof d != 'object' || d === null || !('gort' in d)) return;
      var why = ccall('gort_embed_command', 'string', ['string'], [JSON.stringify(d)]);
      if (why) console.warn('gort embed: refused ' + JSON.stringify(d).slice(0, 200) + ': ' + why);
    });
  }

  Module['gortOpenPlayground'] = function() {
    var link = new URLSearchParams(gort.link || '');
    ['embed', 'panels', 'paused', 'origin', 'id'].forEach(function(k) { link.delete(k); });
    window.open(new URL('./?' + link.toString(), location.href).href, '_blank', 'noopener');
  };

  // Off-screen: the frame loop pauses (an IntersectionObserver with the
  // implicit root sees the top-level page's viewport, across origins too).
  // Only once the loop runs (the first frame is drawn), and only on a change.
  var inView = true, running = false, paused = false;
  function update() {
    var pause = !inView || document.hidden;
    if (!running || pause == paused) return;
    paused = pause;
    // Emscripten 3.1.6: a loop that a pause retires pops the runtime's
    // keep-alive count if its last requested frame still fires; with
    // nothing pushed for it, pauses can bring the count to 0 and the
    // runtime exits (the frame never draws again). A push per pause keeps
    // the count at least where it was.
    if (pause) runtimeKeepalivePush();
    Module[pause ? 'pauseMainLoop' : 'resumeMainLoop']();
  }
  gort.ready.then(function() { running = true; update(); }, function() {});
  if (typeof IntersectionObserver == 'function') {
    new IntersectionObserver(function(entries) {
      inView = entries[entries.length - 1].isIntersecting;
      update();
    }).observe(Module['canvas']);
  }
  document.addEventListener('visibilitychange', update);
})();
