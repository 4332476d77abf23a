// uec-helper web page: one section at a time, the walk in the URL fragment
// (#tree/question=choice/…, the CLI's own ids), both languages, and search
// ranked and explained as `uec-helper search` does (a twin of search/text.py,
// search/index.py and search/language.py; the constants come from Python in
// the page data).
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const root = document.documentElement;
  const LANGS = ["en", "ja"];
  const byId = (id) => document.getElementById(id);

  // --- the trees, read from the page's own sections ----------------------
  const trees = new Map();
  const questions = new Map(); // "tree/question" -> section (ids never hold "/")
  const outcomes = new Map();
  for (const section of document.querySelectorAll("section.node")) {
    const d = section.dataset;
    if (d.kind === "tree") trees.set(d.tree, section);
    else if (d.kind === "question") questions.set(`${d.tree}/${d.question}`, section);
    else outcomes.set(d.outcome, section);
  }
  const sections = [byId("start"), ...document.querySelectorAll("section.node")];
  const choiceLinks = (section) => [...section.querySelectorAll("a[data-choice]")];

  // --- the walk ----------------------------------------------------------
  // A walk: the tree it starts in, its steps, and where it stands now.
  function follow(treeId, answers) {
    const steps = [];
    let tree = treeId;
    let question = trees.get(tree).dataset.start;
    for (const [questionId, choiceId] of answers) {
      const section = questions.get(`${tree}/${question}`);
      const link = questionId === question && choiceLinks(section).find((a) => a.dataset.choice === choiceId);
      // A choice into a tree this page does not hold (a one-tree page of a broken folder) stops here too.
      const leadsNowhere = link && link.dataset.tree && !trees.has(link.dataset.tree);
      if (!link || leadsNowhere) return { start: treeId, steps, tree, question, misfit: `${questionId}=${choiceId}` };
      steps.push({ tree, question, choice: choiceId, section, link });
      const to = link.dataset;
      if (to.outcome) {
        const extra = answers.length > steps.length ? answers[steps.length].join("=") : null;
        return { start: treeId, steps, outcome: to.outcome, misfit: extra };
      }
      if (to.tree) {
        tree = to.tree;
        question = trees.get(tree).dataset.start;
      } else {
        question = to.next;
      }
    }
    return { start: treeId, steps, tree, question, misfit: null };
  }

  const fragment = (start, steps) => "#" + [start, ...steps.map((s) => `${s.question}=${s.choice}`)].join("/");

  // The shortest answers from a tree's start to a question or an outcome of
  // it, for links to a section by its id (`#question-…`, `#outcome-…`).
  function shortestWalk(treeId, isGoal) {
    const seen = new Set();
    let level = [{ tree: treeId, question: trees.get(treeId).dataset.start, answers: [] }];
    while (level.length) {
      const next = [];
      for (const at of level) {
        const key = `${at.tree}/${at.question}`;
        if (seen.has(key) || !questions.has(key)) continue;
        seen.add(key);
        if (isGoal(at, null)) return at.answers;
        for (const link of choiceLinks(questions.get(key))) {
          const to = link.dataset;
          const answers = [...at.answers, [at.question, to.choice]];
          if (to.outcome && isGoal(at, to.outcome)) return answers;
          if (to.next) next.push({ tree: at.tree, question: to.next, answers });
          if (to.tree && trees.has(to.tree)) next.push({ tree: to.tree, question: trees.get(to.tree).dataset.start, answers });
        }
      }
      level = next;
    }
    return null;
  }

  function walkForSection(id) {
    const section = byId(id);
    if (!section || !section.classList.contains("node")) return null;
    const d = section.dataset;
    if (d.kind === "tree") return { tree: d.tree, answers: [] };
    const goal = d.kind === "question"
      ? (at, outcome) => !outcome && at.tree === d.tree && at.question === d.question
      : (at, outcome) => outcome === d.outcome;
    const candidates = d.kind === "question" ? [d.tree] : [...trees.keys()];
    let best = null;
    for (const tree of candidates) {
      const answers = shortestWalk(tree, goal);
      if (answers && (!best || answers.length < best.answers.length)) best = { tree, answers };
    }
    return best;
  }

  function parse(hash) {
    const text = decodeURIComponent(hash.replace(/^#/, ""));
    if (!text || text === "start") return null;
    const [tree, ...rest] = text.split("/");
    if (trees.has(tree)) return { tree, answers: rest.filter(Boolean).map((s) => { const i = s.indexOf("="); return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)]; }) };
    return walkForSection(text);
  }

  // --- showing it ----------------------------------------------------------
  function both(texts, tag = "span") {
    const fragmentNode = document.createDocumentFragment();
    for (const lang of LANGS) {
      const el = document.createElement(tag);
      el.lang = lang;
      el.textContent = texts[lang];
      fragmentNode.append(el);
    }
    return fragmentNode;
  }
  // A ui text in one language; a value is put in as is (a function replacer reads no "$" patterns).
  const say = (key, lang, values = {}) => data.ui[key][lang].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const uiText = (key, values = {}) => Object.fromEntries(LANGS.map((lang) => [lang, say(key, lang, values)]));
  const cloneTexts = (el) => { const copy = document.createDocumentFragment(); for (const span of el.querySelectorAll(":scope > [lang]")) copy.append(span.cloneNode(true)); return copy; };

  function replayCommand(start, steps) {
    const answers = new Map(); // like the CLI's dict: a repeated question keeps its place, the last choice wins
    for (const step of steps) answers.set(step.question, step.choice);
    const words = ["uec-helper", "diagnose", start];
    for (const [question, choice] of answers) words.push("--answer", `${question}=${choice}`);
    return words.join(" ");
  }

  function showOnly(section) {
    for (const s of sections) s.hidden = s !== section;
  }

  function render(focus) {
    const walk = parse(location.hash);
    const notice = byId("notice");
    const journey = byId("journey");
    const controls = byId("controls");
    notice.hidden = true;
    journey.hidden = true;
    if (!walk) {
      controls.hidden = true;
      showOnly(byId("start"));
      if (focus) byId("start").querySelector("h2").focus();
      return;
    }
    const state = follow(walk.tree, walk.answers);
    const canonical = fragment(state.start, state.steps);
    if (canonical !== location.hash) history.replaceState(null, "", canonical);
    let section;
    if (state.outcome) {
      section = outcomes.get(state.outcome);
      const path = byId("journey-path");
      path.replaceChildren();
      for (const step of state.steps) {
        const item = document.createElement("li");
        item.append(cloneTexts(step.section.querySelector("h2")), " → ", cloneTexts(step.link));
        path.append(item);
      }
      byId("replay").textContent = replayCommand(state.start, state.steps);
      byId("copy-status").textContent = "";
      section.append(journey);
      journey.hidden = false;
    } else {
      section = questions.get(`${state.tree}/${state.question}`);
      for (const link of choiceLinks(section)) {
        link.href = fragment(state.start, [...state.steps, { question: state.question, choice: link.dataset.choice }]);
      }
    }
    if (state.misfit) {
      notice.replaceChildren(both(uiText("bad-link", { answer: state.misfit })));
      notice.hidden = false;
      section.prepend(notice);
    }
    controls.hidden = false;
    section.append(controls);
    showOnly(section);
    if (focus) {
      window.scrollTo(0, 0);
      section.querySelector("h2").focus();
    }
  }

  byId("back").addEventListener("click", () => {
    const walk = parse(location.hash);
    const state = walk && follow(walk.tree, walk.answers);
    location.hash = state && state.steps.length ? fragment(state.start, state.steps.slice(0, -1)) : "#start";
  });
  byId("start-over").addEventListener("click", () => {
    const walk = parse(location.hash);
    location.hash = walk ? fragment(walk.tree, []) : "#start";
  });
  byId("copy").addEventListener("click", async () => {
    const command = byId("replay").textContent;
    try {
      await navigator.clipboard.writeText(command);
    } catch {
      const range = document.createRange();
      range.selectNodeContents(byId("replay"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand("copy");
    }
    byId("copy-status").replaceChildren(both(uiText("copied")));
  });
  for (const link of document.querySelectorAll(".tree-list a")) link.href = `#${link.dataset.tree}`;

  // --- language ------------------------------------------------------------
  function setLanguage(lang) {
    root.lang = lang;
    root.dataset.show = lang;
    document.title = data.ui["page-title"][lang];
    try { localStorage.setItem("uec-helper-lang", lang); } catch { /* storage may be off; the switch still works */ }
    showResults(byId("search-query").value); // results are in one language: the page's, or the query's
  }
  function initialLanguage() {
    let saved = null;
    try { saved = localStorage.getItem("uec-helper-lang"); } catch { /* as above */ }
    if (LANGS.includes(saved)) return saved;
    for (const tag of navigator.languages || [navigator.language]) {
      const lang = String(tag).toLowerCase().slice(0, 2);
      if (LANGS.includes(lang)) return lang;
    }
    return root.lang;
  }
  byId("lang-switch").addEventListener("click", () => setLanguage(root.dataset.show === "en" ? "ja" : "en"));

  // --- search: the twin of search/text.py ------------------------------------
  const S = data.search.settings;
  const STOP = new Set(S.stop_words);
  const PARTICLES = new Set(S.particles);
  const JOINED = new RegExp(S.joined, "g");
  const JAPANESE_STOP = new RegExp(S.japanese_stop, "g");
  const RUNS = new RegExp(S.runs, "g");
  const BOUNDARY = new RegExp(S.boundary);
  const ADDRESS = new RegExp(S.address, "g");
  const PIECES = new RegExp(S.pieces, "g");
  const NEGATIONS = new Set(S.negations);
  const NEGATION_GAP = new Set(S.negation_gap);
  const ARRIVAL = new Set(S.arrival);
  const GET = new Set(S.get);
  const GET_MOVES = new Set(S.get_moves);
  const LONG_VOWELS = new RegExp(S.long_vowels, "g");
  const CLAUSES = new RegExp(S.clauses, "g");
  const FINE_WORDS = new Set(S.fine_words);
  const FINE_LINKS = new Set(S.fine_links);
  const FINE_NEGATIONS = new Set(S.fine_negations);
  const QUESTION_WORDS = new Set(S.question_words);
  const LIST_WORDS = new Set(S.list_words);
  const FINE_JA = new RegExp(S.fine_ja, "g");

  // romaji: Hepburn's n' before a vowel or y stays (group 1 of JOINED) for the romaji step.
  const normalize = (text, romaji = false) =>
    text.normalize("NFKC").toLowerCase().replace(JOINED, romaji ? "$1" : "").replace(JAPANESE_STOP, " ");
  const joined = (word) => word.replace(JOINED, "");

  function stem(word) {
    if (word.length <= S.min_stem || !/^[a-z]+$/.test(word)) return word;
    for (const suffix of S.suffixes) {
      if (!word.endsWith(suffix) || word.length - suffix.length < S.min_stem) continue;
      if (suffix === "s" && "su".includes(word[word.length - 2])) continue;
      let base = word.slice(0, -suffix.length);
      if (base.length > S.min_stem && base.at(-1) === base.at(-2) && !"sl".includes(base.at(-1))) base = base.slice(0, -1);
      return base;
    }
    return word;
  }

  function latin(words, found, skipped) {
    const content = [];
    words.forEach((word, i) => { if (!STOP.has(word) && !skipped.has(i)) content.push(i); });
    content.forEach((i, n) => {
      found.push("w:" + stem(words[i]));
      if (i + 1 < words.length && PARTICLES.has(words[i + 1])) found.push("p:" + stem(words[i] + words[i + 1]));
      if (n + 1 < content.length) found.push("p:" + stem(words[i] + words[content[n + 1]]));
    });
  }

  // word position -> the "n:" feature of each word a negation is about
  function negated(words) {
    const found = new Map();
    words.forEach((word, i) => {
      if (!NEGATIONS.has(word)) return;
      for (let j = i + 1; j < Math.min(i + 4, words.length); j++) {
        if (NEGATIONS.has(words[j]) || NEGATION_GAP.has(words[j])) continue;
        const target = stem(words[j]);
        if (GET.has(target) && j + 1 < words.length && GET_MOVES.has(words[j + 1])) break;
        if (ARRIVAL.has(target)) found.set(j, "n:" + S.arrived);
        else if (!STOP.has(words[j])) found.set(j, "n:" + target);
        break;
      }
    });
    return found;
  }

  function englishWords(words, found) {
    const negations = negated(words);
    const skipped = new Set([...negations].filter(([, f]) => f === "n:" + S.arrived).map(([j]) => j));
    latin(words, found, skipped);
    found.push(...negations.values());
  }

  function japanese(run, found) {
    if (run.length === 1) { found.push("j:" + run); return; }
    for (let i = 0; i < run.length - 1; i++) found.push("j:" + run.slice(i, i + 2));
  }

  const featureCache = new Map();
  function features(text) {
    if (featureCache.has(text)) return featureCache.get(text);
    const found = [];
    let words = [];
    const normalized = normalize(text);
    for (const [address] of normalized.matchAll(ADDRESS)) {
      for (const [piece] of address.matchAll(PIECES)) found.push("x:" + piece);
    }
    for (const match of normalized.replace(ADDRESS, " , ").matchAll(RUNS)) {
      if (match[1]) { words.push(match[1]); continue; }
      englishWords(words, found);
      words = [];
      japanese(match[2], found);
    }
    englishWords(words, found);
    featureCache.set(text, found);
    return found;
  }

  // text.ruled_out: the query without its clauses that say something is fine, and those clauses
  const latinOf = (text) => text.match(/[a-z0-9]+/g) || [];
  function saysFine(clause, words) {
    if (words.length < 2 || !FINE_WORDS.has(words.at(-1)) || QUESTION_WORDS.has(words[0])) return false;
    if (!clause.replace(/[ \t]+$/, "").endsWith(words.at(-1))) return false;
    let before = words.length - 2;
    while (before >= 0 && FINE_LINKS.has(words[before])) before--;
    return before >= 0 && !FINE_NEGATIONS.has(words[before]);
  }

  function ruledOut(query) {
    const kept = [], fine = [];
    for (const clause of normalize(query).split(CLAUSES)) {
      const words = latinOf(clause);
      if (saysFine(clause, words)) {
        fine.push(clause);
        while (words.some((word) => LIST_WORDS.has(word)) && kept.length) {
          const items = latinOf(kept.at(-1)).length;
          if (!(items > 0 && items <= S.list_item_max_words)) break;
          fine.push(kept.pop());
        }
        continue;
      }
      fine.push(...[...clause.matchAll(FINE_JA)].map((m) => m[0]));
      kept.push(clause.replace(FINE_JA, " "));
    }
    return fine.length ? [kept.join(" , "), fine.join(" ")] : [query, ""];
  }

  const latinWords = (text) => [...normalize(text, true).replace(ADDRESS, " , ").matchAll(RUNS)].filter((m) => m[1]).map((m) => m[1]);

  // text.whole: the text as one feature, so that a query saying exactly a keyword or title names it
  function whole(text) {
    const found = [...new Set(features(text).filter((f) => !f.startsWith("p:")))].sort();
    return found.length ? "k:" + found.join(" ") : null;
  }

  function counts(text) {
    const counted = new Map();
    for (const feature of features(text)) counted.set(feature, (counted.get(feature) || 0) + 1);
    return counted;
  }

  function spellings(feature) {
    const kind = feature.slice(0, 2), letters = feature.slice(2);
    if (kind === "w:") return [feature, "p:" + letters, ...(feature in S.synonyms ? [S.synonyms[feature]] : [])];
    if (kind === "p:") return [feature, "w:" + letters];
    return [feature, ...(feature in S.synonyms ? [S.synonyms[feature]] : [])];
  }
  function featureWeight(feature) {
    if (feature.startsWith("n:")) return feature === "n:" + S.arrived ? 1.0 : S.negation_weight;
    return feature.startsWith("j:") && BOUNDARY.test(feature.slice(2)) ? S.boundary_weight : 1.0;
  }
  const fuzzy = (feature) => feature.startsWith("w:") && feature.length - 2 >= S.fuzzy_min_length && /^[a-z]+$/.test(feature.slice(2));
  const singleLetters = (word) => word.replace(/(.)\1+/g, "$1");
  function trigrams(word) {
    const padded = `^${word}$`;
    const grams = new Set();
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    return grams;
  }
  function similarity(a, b) {
    if (!a.size || !b.size) return 0;
    let shared = 0;
    for (const gram of a) if (b.has(gram)) shared++;
    return (2 * shared) / (a.size + b.size);
  }

  // --- search: the twin of search/romaji.py ------------------------------------
  const fold = (romaji) => [...romaji.toLowerCase()].map((c) => S.folded_letters[c] ?? c).join("").replace(LONG_VOWELS, "");
  const longestSyllable = Math.max(...Object.keys(S.syllables).map((k) => k.length));
  const longestReading = Math.max(...Object.keys(S.readings).map((k) => k.length));
  const isIn = (letter, set) => Boolean(letter) && set.includes(letter);

  function kana(folded, at) {
    const letter = folded[at], following = folded[at + 1] ?? "", third = folded[at + 2] ?? "";
    if (letter === S.n_mark && folded[at - 1] === "n") return ["", at + 1]; // "kin'en": the n before it was ん
    if (letter === "n" && !isIn(following, "aiueoy")) {
      const doubled = following === "n" && !isIn(third, "aiueoy");
      return ["ん", doubled ? at + 2 : at + 1];
    }
    if ((letter === following && !"aiueon".includes(letter)) || folded.startsWith("tch", at)) return ["っ", at + 1];
    for (let size = longestSyllable; size > 0; size--) {
      const found = S.syllables[folded.slice(at, at + size)];
      if (found) return [found, at + size];
    }
    return null;
  }

  function toJapanese(romaji) {
    const folded = fold(romaji);
    const parts = [];
    let at = 0, known = false;
    while (at < folded.length) {
      let matched = false;
      for (let size = Math.min(longestReading, folded.length - at); size > 2; size--) {
        const spelling = S.readings[folded.slice(at, at + size)];
        if (spelling) { parts.push(spelling); at += size; known = matched = true; break; }
      }
      if (matched) continue;
      const next = kana(folded, at);
      if (!next) return null;
      parts.push(next[0]);
      at = next[1];
    }
    return { japanese: parts.join(""), known };
  }

  const HIRAGANA_RUN = new RegExp(S.hiragana_run, "g");
  function kanaToRomaji(kanaText) {
    const romaji = [];
    let double = false, at = 0;
    while (at < kanaText.length) {
      if ("ーっ".includes(kanaText[at])) { double ||= kanaText[at] === "っ"; at++; continue; }
      let syllable = null, size = 2;
      for (; size > 0; size--) { syllable = S.romaji_of_kana[kanaText.slice(at, at + size)] ?? null; if (syllable !== null) break; }
      if (syllable === null) return null;
      if ("aiueoy".includes(syllable[0]) && romaji.at(-1) === S.romaji_of_kana["ん"]) romaji.push(S.n_mark);
      romaji.push(double && !"aiueon".includes(syllable[0]) ? syllable[0] + syllable : syllable);
      double = false; at += size;
    }
    return romaji.join("");
  }
  // index.py _spelled_hiragana: hiragana words left unconverted, spelled through the readings
  function spelledHiragana(query) {
    const spelled = [];
    for (const [kanaText] of normalize(query).matchAll(HIRAGANA_RUN)) {
      const romaji = kanaToRomaji(kanaText);
      const conversion = romaji ? toJapanese(romaji) : null;
      if (conversion && conversion.known) spelled.push(conversion.japanese);
    }
    return spelled;
  }

  function romajiRuns(query) {
    const runs = [];
    let words = [], parts = [], known = false;
    for (const word of [...latinWords(query), ""]) {
      const conversion = word && !index.postings.has("w:" + stem(joined(word))) ? toJapanese(word) : null;
      if (conversion) { words.push(word); parts.push(conversion.japanese); known ||= conversion.known; continue; }
      if (known) runs.push({ words, japanese: parts.join("") });
      words = []; parts = []; known = false;
    }
    return runs;
  }

  // --- search: the twin of search/index.py ------------------------------------
  let index = null;
  function buildIndex() {
    const { texts, passages: table, documents } = data.search;
    // A text the page shows is not in the data twice: its first element carries its number.
    for (const el of document.querySelectorAll("[data-t]")) texts[Number(el.dataset.t)] ??= el.textContent;
    // A passage: [field, text numbers, its language's place in LANGS, the texts that name it].
    const passages = table.map(([field, numbers, lang = null, shown = null]) => ({ field, numbers, lang: lang === null ? null : LANGS[lang], shown }));
    const wholeFields = new Set(S.whole_fields);
    const weighted = documents.map(([kind, , , , held]) => {
      const worths = S.fields[kind];
      const frequencies = new Map();
      const add = (feature, amount) => frequencies.set(feature, (frequencies.get(feature) || 0) + amount);
      for (const { field, numbers } of held.map((n) => passages[n])) {
        for (const number of numbers) {
          for (const [feature, count] of counts(texts[number])) add(feature, worths[field] * count);
          const named = wholeFields.has(field) ? whole(texts[number]) : null;
          if (named !== null) add(named, worths[field]);
        }
      }
      return frequencies;
    });
    // index.py _length: a document's words, not its wholes
    const length = (frequencies) => { let total = 0; for (const [f, v] of frequencies) if (!f.startsWith("k:")) total += v; return total; };
    const lengths = weighted.map(length);
    const average = lengths.reduce((a, b) => a + b, 0) / Math.max(weighted.length, 1);
    const postings = new Map();
    weighted.forEach((frequencies, number) => {
      const norm = S.k1 * (1 - S.b + (S.b * lengths[number]) / average);
      const worth = documents[number][0] === "tree" ? S.tree_discount : 1.0;
      for (const [feature, frequency] of frequencies) {
        if (!postings.has(feature)) postings.set(feature, [[], []]);
        const [numbers, worths] = postings.get(feature);
        numbers.push(number);
        worths.push((worth * frequency * (S.k1 + 1)) / (frequency + norm));
      }
    });
    const total = weighted.length;
    const idf = new Map();
    for (const [feature, [numbers, worths]] of postings) {
      idf.set(feature, Math.log(1 + (total - numbers.length + 0.5) / (numbers.length + 0.5)));
      for (let i = 0; i < worths.length; i++) worths[i] *= idf.get(feature);
    }
    const byLetters = new Map(); // index.py _words_by_letters
    for (const feature of postings.keys()) {
      if (fuzzy(feature)) {
        const letters = singleLetters(feature.slice(2));
        if (!byLetters.has(letters)) byLetters.set(letters, []);
        byLetters.get(letters).push(feature);
      }
    }
    const byTrigram = new Map();
    for (const feature of postings.keys()) {
      if (fuzzy(feature)) {
        for (const gram of trigrams(feature.slice(2))) {
          if (!byTrigram.has(gram)) byTrigram.set(gram, []);
          byTrigram.get(gram).push(feature);
        }
      }
    }
    // fallback route number -> [its own features, its tree's document number]
    const treeNumbers = new Map();
    documents.forEach(([kind, id], number) => { if (kind === "tree") treeNumbers.set(id, number); });
    const fallbacks = new Map();
    documents.forEach(([, , tree, , , own], number) => { if (own) fallbacks.set(number, [new Set(own), treeNumbers.get(tree)]); });
    return { texts, passages, documents, postings, idf, byLetters, byTrigram, fallbacks };
  }

  function known(feature, mayBeTypo) {
    const found = spellings(feature).filter((s) => index.postings.has(s)).map((s) => [s, 1.0]);
    if (found.length || !mayBeTypo || !fuzzy(feature)) return found;
    const doubled = index.byLetters.get(singleLetters(feature.slice(2)));
    if (doubled) return [...doubled].sort().flatMap((word) => spellings(word).filter((s) => index.postings.has(s)).map((s) => [s, 1.0]));
    const grams = trigrams(feature.slice(2));
    const shared = new Map();
    for (const gram of grams) for (const word of index.byTrigram.get(gram) || []) shared.set(word, (shared.get(word) || 0) + 1);
    const common = [...shared].sort((a, b) => b[1] - a[1]).slice(0, 4 * S.fuzzy_candidates); // stable, as Counter.most_common
    const close = common
      .map(([word]) => [word, similarity(grams, trigrams(word.slice(2)))])
      .filter(([, s]) => s >= S.fuzzy_min_similarity)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return close.slice(0, S.fuzzy_candidates).map(([word, s]) => [word, s * s]);
  }

  // The twin of search/index.py `_reason`: the passage that matched the query
  // most, named in `lang`; a keyword of the other language only when nothing
  // else matched, a tree's keyword by the tree's title.
  function reason(held, wanted, lang) {
    let best = index.passages[held[0]], bestNameable = false, bestWorth = 0;
    for (const passage of held.map((n) => index.passages[n])) {
      const found = new Set(passage.numbers.flatMap((number) => features(index.texts[number])));
      let worth = 0; // summed in the query's order, as in Python
      for (const [feature, weight] of wanted) if (found.has(feature)) worth += weight * index.idf.get(feature);
      const nameable = worth > 0 && (passage.lang === null || passage.lang === lang || passage.shown !== null);
      // max() keeps the first of equals, as Python's does: (nameable, worth) compared in turn
      if (nameable > bestNameable || (nameable === bestNameable && worth > bestWorth)) {
        [best, bestNameable, bestWorth] = [passage, nameable, worth];
      }
    }
    const named = best.shown ?? best.numbers;
    return { field: S.field_names[best.field], text: index.texts[named.length === 1 ? named[0] : named[LANGS.indexOf(lang)]] };
  }

  // The twin of search/views.py `why_line`: one line, shortened (by code points, as Python counts).
  function whyLine(why, lang) {
    let text = why.text.split(/\s+/).filter(Boolean).join(" ");
    const chars = [...text];
    if (chars.length > S.why_max_chars) text = chars.slice(0, S.why_max_chars - 1).join("").trimEnd() + "…";
    return say(`why-${why.field}`, lang, { text });
  }

  // The twin of search/language.py `query_language`: "ja", "en", or null when unclear.
  function queryLanguage(query) {
    let japanese = 0;
    for (const char of query) {
      const point = char.codePointAt(0);
      if (S.japanese_ranges.some(([low, high]) => low <= point && point <= high)) japanese++;
    }
    if (japanese >= S.japanese_min_chars) return "ja";
    const content = latinWords(query).filter((word) => !STOP.has(word));
    const romaji = new Set(romajiRuns(query).flatMap((run) => run.words));
    if (japanese || !content.length) return null;
    if (content.every((word) => romaji.has(word))) return "ja";
    if (romaji.size) return null;
    return content.some((word) => known("w:" + stem(word), true).length) ? "en" : null; // SearchIndex.knows_word
  }

  // SearchIndex.query_features
  function queryFeatures(query) {
    const wanted = new Map();
    const runs = romajiRuns(query);
    const romaji = new Set(runs.flatMap((run) => run.words.map((word) => "w:" + stem(joined(word)))));
    const spelled = [...runs.map((run) => run.japanese), ...spelledHiragana(query)];
    for (const feature of [...features(query), ...spelled.flatMap((japanese) => features(japanese))]) {
      for (const [word, weight] of known(feature, !romaji.has(feature))) {
        wanted.set(word, Math.max(wanted.get(word) ?? 0, weight * featureWeight(word)));
      }
    }
    const named = whole(query);
    if (named !== null && index.postings.has(named)) wanted.set(named, 1.0);
    return wanted;
  }

  function search(query, lang, limit = 5) {
    index ??= buildIndex();
    const [kept, fine] = ruledOut(query);
    let wanted = queryFeatures(kept);
    const checked = wanted.size && fine ? queryFeatures(fine) : new Map();
    if (!wanted.size) wanted = queryFeatures(query);
    const scores = new Map();
    for (const [feature, weight] of wanted) {
      const [numbers, worths] = index.postings.get(feature);
      numbers.forEach((number, i) => scores.set(number, (scores.get(number) || 0) + weight * worths[i]));
    }
    // what the caller says is fine counts only for fallback routes, and lifts rule 1's cap
    for (const [feature, weight] of checked) {
      const [numbers, worths] = index.postings.get(feature);
      numbers.forEach((number, i) => {
        if (index.fallbacks.has(number)) scores.set(number, (scores.get(number) || 0) + weight * worths[i]);
      });
    }
    // rule 1 of search/index.py: a fallback scores at most its tree, unless the query says its own words
    for (const [number, [own, tree]] of index.fallbacks) {
      const treeScore = scores.get(tree) ?? 0;
      if (scores.has(number) && !checked.size && treeScore > 0 && ![...wanted.keys()].some((f) => own.has(f))) {
        scores.set(number, Math.min(scores.get(number), treeScore));
      }
    }
    // rule 2: by score to TIE_DIGITS decimals, trees before outcomes, then index order
    const scale = 10 ** S.tie_digits;
    const tied = (number) => Math.floor(scores.get(number) * scale + 0.5);
    const isTree = (number) => (index.documents[number][0] === "tree" ? 1 : 0);
    const ranked = [...scores.keys()].sort((a, b) => tied(b) - tied(a) || isTree(b) - isTree(a) || a - b);
    const hits = [];
    const seen = new Set();
    for (const number of ranked) {
      const [kind, id, tree, answers, held] = index.documents[number];
      const score = scores.get(number);
      if (seen.has(`${kind}:${id}`)) continue;
      if (hits.length === limit || (hits.length && score < S.relative_cutoff * hits[0].score)) break;
      seen.add(`${kind}:${id}`);
      hits.push({ kind, id, tree, answers, score, why: whyLine(reason(held, wanted, lang), lang) });
    }
    return hits;
  }

  // The twin of search/lookup.py `search_knowledge`: results in the query's
  // language when it clearly is the other one, and a line that says so (the
  // CLI's own words, without its --lang hint: the page has no flags).
  // lookup.py `_checked`: str.strip(QUERY_SPACE), never trim(), which takes other characters
  const QUERY_SPACE = new Set(S.query_space);
  function trimmed(text) {
    let start = 0, end = text.length;
    while (start < end && QUERY_SPACE.has(text[start])) start++;
    while (end > start && QUERY_SPACE.has(text[end - 1])) end--;
    return text.slice(start, end);
  }

  // lookup.py `echoed_query`: the query as a line quotes it, on one line, cut to echo_max_chars
  function echoed(query) {
    const chars = [];
    for (const char of query) {
      if (!QUERY_SPACE.has(char)) chars.push(char);
      else if (chars.length && chars.at(-1) !== " ") chars.push(" ");
    }
    while (chars.at(-1) === " ") chars.pop();
    if (chars.length <= S.echo_max_chars) return chars.join("");
    return chars.slice(0, S.echo_max_chars - 1).join("").replace(/ +$/, "") + "…";
  }

  function searchView(text, pageLang, limit = 5) {
    const query = [...trimmed(text)].slice(0, S.max_query_chars).join("");
    if (!query) return { query, lang: pageLang, queryLang: null, note: null, results: [] };
    index ??= buildIndex();
    const spoken = queryLanguage(query);
    const lang = spoken ?? pageLang;
    const note = spoken && spoken !== pageLang ? say("search-lang-followed", spoken) : null;
    return { query, lang, queryLang: spoken, note, results: search(query, lang, limit) };
  }

  // The results are in one language (the page's, or the query's), so they
  // are plain text in a box marked with that language, never both.
  function showResults(text) {
    const box = byId("search-results");
    box.replaceChildren();
    const view = searchView(text, root.dataset.show);
    box.lang = view.lang;
    if (!view.query) return;
    const line = (tag, className, content) => {
      const el = document.createElement(tag);
      if (className) el.className = className;
      el.textContent = content;
      return el;
    };
    if (view.note) box.append(line("p", "search-note", view.note));
    if (!view.results.length) {
      box.append(line("p", null, say("web-search-none", view.lang)));
      return;
    }
    const titleOf = (section) => section.querySelector(`h2 > [lang="${view.lang}"]`).textContent;
    const list = document.createElement("ol");
    for (const hit of view.results) {
      const link = document.createElement("a");
      link.href = "#" + [hit.tree, ...hit.answers.map(([q, c]) => `${q}=${c}`)].join("/");
      link.dataset.kind = hit.kind;
      link.dataset.id = hit.id;
      const owner = hit.kind === "tree" ? trees.get(hit.id) : outcomes.get(hit.id);
      const where = `${titleOf(trees.get(hit.tree))} · ${say(`kind-${hit.kind}`, view.lang)}`;
      link.append(line("span", "result-title", titleOf(owner)), line("span", "result-where", where), line("span", "result-why", hit.why));
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    box.append(line("h3", null, say("search-results", view.lang, { query: echoed(view.query) })), list);
  }
  byId("search").addEventListener("submit", (event) => { event.preventDefault(); showResults(byId("search-query").value); });
  byId("search-query").addEventListener("input", (event) => showResults(event.target.value));

  // The tests compare these results with the CLI's; nothing else uses them.
  window.uecHelperSearch = searchView;
  window.uecHelperEcho = echoed;

  setLanguage(initialLanguage());
  window.addEventListener("hashchange", () => render(true));
  render(Boolean(location.hash) && location.hash !== "#start");
})();
