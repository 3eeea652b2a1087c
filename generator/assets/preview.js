(() => {
  const data = JSON.parse(document.getElementById("pv-data").textContent);
  const night = document.getElementById("pv-night");
  const unfold = document.getElementById("pv-unfold");
  const large = document.getElementById("pv-large");
  const frames = [];
  // Pictures and sounds travel in the page as data: URLs, by the names the deck ships them under.
  const media = data.media || {};
  const withMedia = (html) => html
    .replace(/src="([^"]+)"/g, (whole, name) => (media[name] ? `src="${media[name]}"` : whole))
    .replace(/\[sound:([^\]]+)\]/g,
      (whole, name) => (media[name] ? `<audio controls src="${media[name]}"></audio>` : whole));
  const apply = (frame) => {
    const doc = frame.contentDocument;
    if (!doc || !doc.body) return;
    doc.body.classList.toggle("nightMode", night.checked);
    doc.body.classList.toggle("night_mode", night.checked);
    doc.querySelectorAll("details").forEach((d) => { d.open = unfold.checked; });
  };
  // Maths, as Anki's clients typeset it, when the page carries MathJax (see DECKGEN_MATHJAX).
  const typeset = (frame) => {
    const doc = frame.contentDocument;
    if (!data.mathjax || !doc || !doc.body || !/\\[(\[]/.test(doc.body.textContent)) return;
    const script = doc.createElement("script");
    script.textContent = data.mathjax;
    doc.head.appendChild(script);
    const win = frame.contentWindow;
    if (win.MathJax && win.MathJax.startup) {
      win.MathJax.startup.promise.then(() => win.MathJax.typesetPromise([doc.body]));
    }
  };
  const fill = (slot) => {
    const frame = document.createElement("iframe");
    frame.className = "pv-phone";
    frame.title = slot.title;
    const card = data.cards[slot.dataset.card];
    frame.srcdoc = data.head + "<style>" + data.css[card[2]] + '</style></head><body class="' + card[3] + '">'
      + withMedia(card[slot.dataset.side]) + "</body></html>";
    frame.addEventListener("load", () => { apply(frame); typeset(frame); });
    slot.replaceWith(frame);
    frames.push(frame);
  };
  const update = () => {
    document.documentElement.classList.toggle("pv-dark", night.checked);
    document.body.classList.toggle("pv-large", large.checked);
    frames.forEach(apply);
  };
  const near = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) { near.unobserve(entry.target); fill(entry.target); }
    }
  }, { rootMargin: "1500px 0px" });
  document.querySelectorAll(".pv-slot").forEach((slot) => near.observe(slot));
  [night, unfold, large].forEach((box) => box.addEventListener("change", update));
  if (window.matchMedia("(prefers-color-scheme: dark)").matches) night.checked = true;
  update();
})();
