// The dashboard's lists and search box, filled from the JSON API.
// Vanilla JS, no framework. Everything inserted goes through textContent or
// createElement, except a search snippet's <mark> tags, which are copied by a
// whitelist (see appendSnippet).
"use strict";

const ENTITY_PATHS = { person: "/people", organisation: "/organisations", place: "/places" };

function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  for (const child of children) {
    node.append(child);
  }
  return node;
}

function readLink(article, start, end, text) {
  const params = new URLSearchParams({ start: String(start), end: String(end) });
  return element("a", {
    href: `/read/${encodeURIComponent(article)}?${params}#fact`,
    textContent: text,
  });
}

// Fetch JSON; on an error, throw the problem's `detail` so the page can show it.
async function fetchJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `${response.status} ${response.statusText}`;
    throw new Error(detail);
  }
  return body;
}

function showError(list, error) {
  list.replaceChildren(element("li", { className: "problem", textContent: error.message }));
}

function entityItem(kind, entity) {
  const link = element("a", {
    href: `/${kind}/${encodeURIComponent(entity.id)}`,
    textContent: entity.name,
  });
  const mentions = entity.mention_count === 1 ? "mention" : "mentions";
  const articles = entity.article_count === 1 ? "article" : "articles";
  const counts = element("span", {
    className: "count",
    textContent: `${entity.mention_count} ${mentions} · ${entity.article_count} ${articles}`,
  });
  return element("li", {}, [link, " ", counts]);
}

async function fillEntities(section) {
  const list = section.querySelector("ol");
  try {
    const page = await fetchJSON(section.dataset.source);
    const items = page.items.map((entity) => entityItem(section.dataset.kind, entity));
    list.replaceChildren(...items);
    if (!items.length) {
      list.replaceChildren(element("li", { className: "placeholder", textContent: "None yet." }));
    }
  } catch (error) {
    showError(list, error);
  }
}

function speakerNode(quote) {
  const speaker = quote.speaker || "unattributed";
  const path = ENTITY_PATHS[quote.speaker_kind];
  if (!quote.speaker_id || !path) {
    return element("span", { className: "speaker", textContent: speaker });
  }
  return element("a", {
    className: "speaker",
    href: `${path}/${encodeURIComponent(quote.speaker_id)}`,
    textContent: speaker,
  });
}

function quoteItem(quote) {
  const text = element("blockquote", { textContent: `“${quote.text}”` });
  const source = element("p", { className: "source" }, [
    "— ",
    speakerNode(quote),
    ` (${quote.kind}), in `,
    readLink(quote.article, quote.start, quote.end, quote.article),
  ]);
  return element("li", {}, [text, source]);
}

async function fillQuotes(section) {
  const list = section.querySelector("ol");
  try {
    const page = await fetchJSON(section.dataset.source);
    list.replaceChildren(...page.items.map(quoteItem));
    if (!page.items.length) {
      list.replaceChildren(element("li", { className: "placeholder", textContent: "None yet." }));
    }
  } catch (error) {
    showError(list, error);
  }
}

// The API escapes a snippet and wraps matches in <mark>. Parse it inertly and
// copy only text and <mark>, so nothing else could ever reach the page.
function appendSnippet(target, snippetHtml) {
  const template = document.createElement("template");
  template.innerHTML = snippetHtml;
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      target.append(element("mark", { textContent: node.textContent }));
    } else {
      target.append(node.textContent);
    }
  }
}

function hitItem(hit) {
  const item = element("li", { className: `hit ${hit.kind}` });
  const title = hit.article_title || hit.title || hit.article;
  const heading =
    hit.kind === "quote" ? `Quote by ${hit.speaker || "unattributed"}, in ${title}` : title;
  const link =
    hit.kind === "quote"
      ? readLink(hit.article, hit.start, hit.end, heading)
      : element("a", { href: `/read/${encodeURIComponent(hit.article)}`, textContent: heading });
  item.append(link);
  const snippet = element("p", { className: "snippet" });
  appendSnippet(snippet, hit.snippet || "");
  item.append(snippet);
  return item;
}

async function search(query) {
  const section = document.getElementById("search-results");
  const problem = section.querySelector(".problem");
  const list = section.querySelector(".results");
  section.hidden = false;
  problem.hidden = true;
  list.replaceChildren(element("li", { className: "placeholder", textContent: "Searching…" }));
  try {
    const page = await fetchJSON(`/search?${new URLSearchParams({ q: query, limit: "20" })}`);
    list.replaceChildren(...page.items.map(hitItem));
    if (!page.items.length) {
      list.replaceChildren(
        element("li", { className: "placeholder", textContent: `Nothing matches “${query}”.` }),
      );
    }
  } catch (error) {
    list.replaceChildren();
    problem.textContent = error.message;
    problem.hidden = false;
  }
}

function setUpSearch() {
  const form = document.getElementById("search");
  const input = form.querySelector("input[name=q]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (!query) {
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set("q", query);
    window.history.replaceState(null, "", url);
    search(query);
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const section of document.querySelectorAll("section[data-kind]")) {
    fillEntities(section);
  }
  fillQuotes(document.getElementById("quotes"));
  setUpSearch();
});
