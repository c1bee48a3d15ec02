// embed.js (dist/embed.js, beside index.html): the one script a tutorial
// includes to embed the playground (README, "Embedding"). Each
//   <div data-gort="worker_pool" data-gort-params="workers=3" data-gort-height="420"></div>
// and each <pre data-gort>Go code</pre> becomes an iframe of the compact
// mode (index.html?embed=1), made only when it comes near the viewport, and
// as high as asked (420 px by default). Without JavaScript the <pre> stays
// a readable code block.
//
// Attributes: data-gort (a gallery pattern; on a <pre>, optional: its text
// is the code), data-gort-params ("name=value" pairs, separated by & or
// spaces), data-gort-panels, data-gort-paused, data-gort-procs,
// data-gort-speed, data-gort-seed, data-gort-theme (the link keys of the
// same names, web/share_link.hpp), data-gort-height.
//
// Invariants: each frame's URL names this page's origin (origin=), so it
// sends its events here only, and an id (id=: the element's id, else
// "gort-N" in document order), which each of its events carries; the
// element keeps that id in data-gort-id, and the iframe too. Nothing else
// of the page is touched.
(function() {
  var script = document.currentScript;
  var site = new URL('./', script ? script.src : location.href).href;
  var keys = ['panels', 'paused', 'procs', 'speed', 'seed', 'theme'];
  var count = 0;

  // base64url(deflate-raw(UTF-8 text)): the link's code= (web/editor/link_code.js).
  function pack(text) {
    var stream = new Blob([new TextEncoder().encode(text)]).stream()
                     .pipeThrough(new CompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function(buf) {
      var bytes = new Uint8Array(buf), s = '';
      for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    });
  }

  function url(el, id) {
    var q = [];
    var add = function(k, v) { q.push(encodeURIComponent(k) + '=' + encodeURIComponent(v)); };
    if (el.getAttribute('data-gort')) add('pattern', el.getAttribute('data-gort'));
    (el.getAttribute('data-gort-params') || '').split(/[&\s]+/).forEach(function(kv) {
      var eq = kv.indexOf('=');
      if (eq > 0) add(kv.slice(0, eq), kv.slice(eq + 1));
    });
    keys.forEach(function(k) {
      var v = el.getAttribute('data-gort-' + k);
      if (v !== null) add(k, v);
    });
    add('embed', '1');
    add('origin', location.origin);
    add('id', id);
    var code = el.tagName == 'PRE' ? el.textContent.replace(/^\n/, '') : '';
    var done = function(packed) {
      if (packed) q.push('code=' + packed);
      return site + 'index.html?' + q.join('&');
    };
    return code ? pack(code).then(done) : Promise.resolve(done(''));
  }

  function make(el) {
    var id = el.getAttribute('data-gort-id');
    url(el, id).then(function(src) {
      var frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'gort playground: ' + (el.getAttribute('data-gort') || 'Go program');
      frame.setAttribute('data-gort-id', id);
      frame.setAttribute('allow', 'cross-origin-isolated');
      frame.style.cssText = 'display:block;width:100%;border:1px solid #8884;border-radius:4px;' +
                            'height:' + (parseInt(el.getAttribute('data-gort-height'), 10) || 420) + 'px';
      if (el.tagName == 'PRE') {
        el.hidden = true;
        el.parentNode.insertBefore(frame, el.nextSibling);
      } else {
        el.appendChild(frame);
      }
    });
  }

  function start() {
    var els = document.querySelectorAll('div[data-gort], pre[data-gort]');
    els.forEach(function(el) { el.setAttribute('data-gort-id', el.id || 'gort-' + ++count); });
    if (typeof IntersectionObserver != 'function') return els.forEach(make);
    var io = new IntersectionObserver(function(entries) {
      entries.forEach(function(e) {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        make(e.target);
      });
    }, {rootMargin: '200px'});
    els.forEach(function(el) {
      if (el.tagName == 'DIV' && !el.style.minHeight)
        el.style.minHeight = (parseInt(el.getAttribute('data-gort-height'), 10) || 420) + 'px';
      io.observe(el);
    });
  }
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
