// Customer Timeline dashboard: CSRF header for htmx, keyboard navigation, live updates, charts.
// Loaded as a file (the CSP forbids inline scripts); everything outside comes in as text.
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  // htmx requests carry the CSRF token from the page's meta tags.
  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('_csrf_header'), token = meta('_csrf');
    if (header && token) { e.detail.headers[header] = token; }
  });

  // A request that failed says so where it is seen (a click that did nothing would look saved).
  // Live refreshes are not the person's doing and stay quiet; the next refresh tries again.
  function problem(text) {
    var p = document.getElementById('request-problem');
    if (!p) { return; }
    p.textContent = text || '';
    p.hidden = !text;
  }
  document.addEventListener('htmx:responseError', function (e) {
    var cfg = e.detail.requestConfig;
    if (cfg && cfg.headers && cfg.headers['X-Live-Update']) { return; }
    var xhr = e.detail.xhr, status = xhr ? xhr.status : 0;
    var wait = xhr ? xhr.getResponseHeader('Retry-After') : null;
    problem(status === 503 ? 'The service is busy; nothing was changed. Try again' + (wait ? ' in ' + wait + ' s.' : ' shortly.')
      : status === 403 ? 'Your role may not do that; nothing was changed.'
      : status === 404 ? 'That is no longer there (merged or removed). Reload the page.'
      : status === 413 ? 'That is too long to save; nothing was changed.'
      : 'Something went wrong (' + status + '); nothing was changed. Try again or reload the page.');
  });
  document.addEventListener('htmx:sendError', function (e) {
    var cfg = e.detail.requestConfig;
    if (cfg && cfg.headers && cfg.headers['X-Live-Update']) { return; }
    problem('No connection to the service; nothing was changed. Check the network and try again.');
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    var cfg = e.detail.requestConfig;
    if (e.detail.successful && !(cfg && cfg.headers && cfg.headers['X-Live-Update'])) { problem(null); }
  });

  // Unticking the last source would ask for every source (none given means all): keep it ticked and say why.
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (!box || box.name !== 'sources' || box.checked || !box.form) { return; }
    if (!box.form.querySelector('input[name="sources"]:checked')) {
      box.checked = true;
      e.stopPropagation(); // before htmx sends the filters
      problem('Keep at least one source ticked; untick the others to see only this one.');
    }
  }, true);

  // Keyboard: "/" focuses search, arrows move through the customer list, Enter opens (links do that).
  document.addEventListener('keydown', function (e) {
    var search = document.getElementById('search');
    var typing = e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA' || e.target.tagName === 'SELECT');
    if (e.key === '/' && !typing && search) {
      e.preventDefault();
      search.focus();
      search.select();
      return;
    }
    if (e.key === 'Enter' && e.target === search) {
      // the form's first button is "Recent": Enter would show that list and throw the search away
      e.preventDefault();
      htmx.trigger(search, 'search');
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
    var links = Array.prototype.slice.call(document.querySelectorAll('#customer-list .customer-row > a'));
    if (!links.length) { return; }
    var at = links.indexOf(document.activeElement);
    if (at === -1 && e.target !== search) { return; }
    e.preventDefault();
    var next = e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
    if (at === -1) { next = e.key === 'ArrowDown' ? 0 : links.length - 1; }
    links[next].focus();
  });

  // Mark the open customer in the list.
  function markCurrent() {
    var main = document.getElementById('main');
    var open = main ? main.getAttribute('data-customer') : null;
    document.querySelectorAll('.customer-row').forEach(function (row) {
      row.classList.toggle('current', open !== null && row.id === 'row-' + open);
    });
  }

  // The list buttons show which list is on.
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('.list-tabs button') : null;
    if (!b) { return; }
    document.querySelectorAll('.list-tabs button').forEach(function (x) { x.setAttribute('aria-pressed', x === b ? 'true' : 'false'); });
    var search = document.getElementById('search');
    if (search) { search.value = ''; }
  });

  // Charts: each table.chart-table is the data and the no-JavaScript fallback.
  function drawCharts(root) {
    if (typeof uPlot === 'undefined') { return; }
    root.querySelectorAll('table.chart-table:not(.drawn)').forEach(function (table) {
      var rows = table.querySelectorAll('tbody tr');
      var xs = [], ys = [];
      rows.forEach(function (r, i) {
        xs.push(i);
        var v = r.getAttribute('data-value');
        ys.push(v === null || v === '' ? null : Number(v));
      });
      if (xs.length < 2) { return; }
      var labels = Array.prototype.map.call(rows, function (r) { return r.getAttribute('data-label') || ''; });
      var box = document.createElement('div');
      box.className = 'chart-box';
      box.setAttribute('aria-hidden', 'true');
      table.parentNode.insertBefore(box, table);
      var bars = table.getAttribute('data-kind') === 'bars';
      var width = Math.max(220, box.clientWidth || table.parentNode.clientWidth || 300);
      var opts = {
        width: width, height: 120, legend: { show: false }, cursor: { show: false },
        scales: { x: { time: false }, y: bars ? { range: function (u, min, max) { return [0, Math.max(1, max)]; } } : { range: [-1, 1] } },
        axes: [
          { values: function (u, splits) { return splits.map(function (s) { return labels[s] || ''; }); }, size: 30, font: '10px system-ui' },
          { size: 34, font: '10px system-ui' }
        ],
        series: [{}, bars
          ? { stroke: '#2457c5', fill: '#2457c555', paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } }
          : { stroke: '#2457c5', width: 2, spanGaps: true, points: { size: 5 } }]
      };
      new uPlot(opts, [xs, ys], box);
      table.classList.add('drawn');
    });
  }

  // Live updates: one event stream per page; the page fetches what changed through normal requests.
  // Each request names its own source element: htmx queues requests per element, keeping only the last.
  var stream = null;
  var LIVE = { 'X-Live-Update': '1' }; // not the person's doing: does not keep their session from timing out
  function connect() {
    if (stream || typeof EventSource === 'undefined' || !document.getElementById('main')) { return; }
    stream = new EventSource('/timeline/events');
    var dot = document.getElementById('live-dot');
    stream.onopen = function () { if (dot) { dot.classList.add('on'); dot.title = 'Live updates on'; } };
    stream.onerror = function () { if (dot) { dot.classList.remove('on'); dot.title = 'Live updates reconnecting'; } };
    stream.addEventListener('interaction', function (e) {
      var news;
      try { news = JSON.parse(e.data); } catch (err) { return; }
      if (dot) { dot.setAttribute('data-events', String(Number(dot.getAttribute('data-events') || 0) + 1)); }
      var main = document.getElementById('main');
      var open = main ? main.getAttribute('data-customer') : null;
      var row = document.getElementById('row-' + news.customer);
      if (row) {
        htmx.ajax('GET', '/timeline/customers/' + encodeURIComponent(news.customer) + '/row', { source: row, target: row, swap: 'outerHTML', headers: LIVE });
      }
      if (open === news.customer) {
        var form = document.getElementById('filters');
        var params = new URLSearchParams(form ? new FormData(form) : undefined);
        params.set('customer', open);
        var list = document.getElementById('timeline-list');
        var existing = document.getElementById('entry-' + news.interaction);
        if (existing) {
          var details = existing.querySelector('details.entry-details');
          if (details && details.open) { params.set('open', 'true'); } // the refreshed row stays open where it was being read
          htmx.ajax('GET', '/timeline/entries/' + encodeURIComponent(news.interaction) + '/row?' + params.toString(), { source: existing, target: existing, swap: 'outerHTML', headers: LIVE });
        } else if (list) {
          htmx.ajax('GET', '/timeline/entries/' + encodeURIComponent(news.interaction) + '/row?' + params.toString(), { source: list, target: list, swap: 'afterbegin', headers: LIVE });
        }
        var card = document.getElementById('profile-card');
        if (card) {
          htmx.ajax('GET', '/timeline/customers/' + encodeURIComponent(open) + '/profile', { source: card, target: card, swap: 'outerHTML', headers: LIVE });
        }
      }
    });
  }

  function ready() {
    markCurrent();
    drawCharts(document);
    connect();
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', ready); } else { ready(); }
  document.addEventListener('htmx:afterSettle', function (e) { markCurrent(); drawCharts(document); });
})();
