// The incident room: live state, de-duplication of pushed entries, shortcuts for people under stress.
(function () {
  var room = document.querySelector('section.room');
  if (!room) return;
  var me = room.getAttribute('data-me');
  var admin = room.getAttribute('data-admin') === 'true';
  var dot = document.getElementById('live-dot');
  var label = document.getElementById('live-label');

  function ownOnly(root) {
    root.querySelectorAll('li[data-entry-id]').forEach(function (li) {
      var mine = li.getAttribute('data-author-id') === me;
      li.querySelectorAll('.own-only').forEach(function (el) { el.hidden = !(mine || admin); });
    });
  }
  ownOnly(document);

  function live(on, text) {
    if (dot) dot.classList.toggle('on', on);
    if (label) label.textContent = text;
  }
  // Whatever happened between rendering the page (or losing the connection) and this moment is
  // not in the stream: each time it opens, the header and the timeline are read again.
  document.body.addEventListener('htmx:sseOpen', function () {
    live(true, 'live');
    ['room-header-wrap', 'timeline-wrap'].forEach(function (id) {
      var element = document.getElementById(id);
      if (element) htmx.trigger(element, 'cairn:resync');
    });
  });
  document.body.addEventListener('htmx:sseError', function () { live(false, 'reconnecting…'); });
  // The poster's own entry arrives twice (answer of the post, then the push): keep one.
  document.body.addEventListener('htmx:sseBeforeMessage', function (event) {
    var message = event.detail;
    if (message && message.type === 'entry' && typeof message.data === 'string') {
      var match = message.data.match(/data-entry-id="(\d+)"/);
      if (match && document.getElementById('entry-' + match[1])) event.preventDefault();
    }
  });
  // The room shows the newest entries; "show earlier" puts the chunk before them at the top of the
  // list. The entry the reader had at the top stays where it was on screen, an entry already shown
  // (one pushed live with an earlier time) is kept once, and a chunk whose list was replaced by a
  // reload in the meantime is dropped (the reload brought its own controls).
  function chunkRequest(event) {
    var elt = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt;
    var which = elt && elt.getAttribute && elt.getAttribute('data-testid');
    return which === 'show-earlier' || which === 'show-later' ? which : null;
  }
  // Opened at an old entry of a long timeline, the room shows a window that stops before the
  // newest entries ("show later"): entries pushed live do not belong at its end.
  function pastWindow() { return !!document.querySelector('[data-testid=show-later]'); }
  var anchor = null;
  document.body.addEventListener('htmx:beforeSwap', function (event) {
    if (!chunkRequest(event)) return;
    if (!event.detail.target.isConnected) { event.detail.shouldSwap = false; return; }
    var first = document.querySelector('#timeline > li');
    anchor = chunkRequest(event) === 'show-earlier' && first ? { li: first, top: first.getBoundingClientRect().top } : null;
  });
  document.body.addEventListener('htmx:afterSwap', function (event) {
    if (!chunkRequest(event) || event.target.id !== 'timeline') return;
    var seen = {};
    event.target.querySelectorAll(':scope > li[id]').forEach(function (li) {
      if (seen[li.id]) li.remove(); else seen[li.id] = true;
    });
    // 'instant': Bootstrap makes scrolling smooth, and the reader must not see the list slide by.
    if (anchor && anchor.li.isConnected) window.scrollBy({ top: anchor.li.getBoundingClientRect().top - anchor.top, behavior: 'instant' });
    anchor = null;
    // "Show later" reached the newest entry: read the list again for what was pushed meanwhile.
    if (chunkRequest(event) === 'show-later') {
      setTimeout(function () {
        var wrap = document.getElementById('timeline-wrap');
        if (!pastWindow() && wrap) htmx.trigger(wrap, 'cairn:resync');
      }, 0);
    }
  });
  document.body.addEventListener('htmx:sseBeforeMessage', function (event) {
    if (event.detail && event.detail.type === 'entry' && pastWindow()) event.preventDefault();
  });
  // A reload of the timeline keeps what the room shows: from its oldest entry through the newest
  // (or through its last one, in a window on an earlier part).
  document.body.addEventListener('htmx:configRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'timeline-wrap') {
      var first = document.querySelector('#timeline > li[data-entry-id]');
      if (first) event.detail.parameters.from = first.getAttribute('data-entry-id');
      var last = document.querySelector('#timeline > li[data-entry-id]:last-child');
      if (last && pastWindow()) event.detail.parameters.to = last.getAttribute('data-entry-id');
    }
  });
  // A link to an entry older than the ones shown (#entry-123) opens the room from that entry.
  // One that is shown goes to the middle of the screen, out from under the sticky header.
  function openLinkedEntry() {
    var linked = window.location.hash.match(/^#entry-(\d+)$/);
    var entry = linked && document.getElementById('entry-' + linked[1]);
    if (entry) {
      entry.scrollIntoView({ block: 'center', behavior: 'instant' });
      entry.classList.add('entry-new');
    } else if (linked && window.location.search.indexOf('around=' + linked[1]) < 0) {
      window.location.replace(window.location.pathname + '?around=' + linked[1] + window.location.hash);
    }
  }
  // After the page has loaded: the browser's own jump to the #fragment would undo an earlier one.
  if (document.readyState === 'complete') openLinkedEntry(); else window.addEventListener('load', openLinkedEntry);
  window.addEventListener('hashchange', openLinkedEntry);

  // ...or the other way round, when the push wins the race against the answer of the post. A post
  // from a window on an earlier part goes to the newest entries, where it is.
  document.body.addEventListener('htmx:beforeSwap', function (event) {
    if (chunkRequest(event)) return;
    if (event.detail.target && event.detail.target.id === 'timeline' && typeof event.detail.serverResponse === 'string') {
      var match = event.detail.serverResponse.match(/data-entry-id="(\d+)"/);
      if (match && pastWindow()) {
        event.detail.shouldSwap = false;
        window.location.assign(window.location.pathname + '#entry-' + match[1]);
      } else if (match && document.getElementById('entry-' + match[1])) event.detail.shouldSwap = false;
    }
  });
  document.body.addEventListener('htmx:afterSwap', function (event) { ownOnly(event.target.closest('section') || document); });
  // A reload of the timeline can lose a pushed entry: the answer may have been read before the
  // entry was written, and during the swap htmx has no listener on the new list for a moment. So
  // Cairn keeps its own record of what was pushed during a reload and reloads again if any of it
  // is missing once the new list has settled.
  var pushedDuringReload = [];
  document.body.addEventListener('htmx:sseOpen', function (event) {
    var source = event.detail && event.detail.source;
    if (source && !source.cairnWatched) {
      source.cairnWatched = true;
      source.addEventListener('entry', function (message) {
        var match = typeof message.data === 'string' && message.data.match(/data-entry-id="(\d+)"/);
        if (match) pushedDuringReload.push(match[1]);
      });
    }
  });
  document.body.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'timeline-wrap') pushedDuringReload = [];
  });
  document.body.addEventListener('htmx:afterSettle', function (event) {
    var wrap = event.detail.elt;
    if (!wrap || wrap.id !== 'timeline-wrap' || event.target !== wrap) return;
    if (pastWindow()) { pushedDuringReload = []; return; }
    var missing = pushedDuringReload.filter(function (id) { return !document.getElementById('entry-' + id); });
    pushedDuringReload = [];
    if (missing.length) htmx.trigger(wrap, 'cairn:resync');
  });
  document.body.addEventListener('htmx:sseMessage', function () {
    ownOnly(document);
    document.querySelectorAll('#timeline > li:last-child').forEach(function (li) { li.classList.add('entry-new'); });
  });

  var form = document.getElementById('post-form');
  var message = document.getElementById('message');
  if (form) {
    form.addEventListener('htmx:afterRequest', function (event) {
      if (event.detail.successful) { form.reset(); message.focus(); }
    });
    message.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        htmx.trigger(form, 'submit');
      }
    });
  }

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches('input, textarea, select, [contenteditable]')) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    var focus = { m: 'message', s: null, v: 'severity', r: 'role' }[event.key];
    if (event.key === 's') {
      var first = document.querySelector('.status-action');
      if (first) { event.preventDefault(); first.focus(); }
    } else if (focus && document.getElementById(focus)) {
      event.preventDefault();
      document.getElementById(focus).focus();
    } else if (event.key === 'c' && document.querySelector('[data-testid=take-command]')) {
      event.preventDefault();
      document.querySelector('[data-testid=take-command]').click();
    } else if (event.key === 'd') {
      window.location.href = '/incidents/new';
    }
  });
})();
