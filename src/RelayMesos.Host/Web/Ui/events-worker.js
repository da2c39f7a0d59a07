"use strict";
// The live connection (server-sent events from /api/loops/<loop>/events) lives in this worker, not in the page: a
// page-level EventSource is a fetch that never ends, and headless screenshot tools (chromium --virtual-time-budget) hold
// the page's clock still while any of its fetches is open, so they would wait forever. The page names the loop in this
// script's query (events-worker.js?loop=orders) and gets each event by message.
const loop = new URLSearchParams(self.location.search).get("loop");
const events = new EventSource(loop ? "api/loops/" + encodeURIComponent(loop) + "/events" : "api/events");
["history", "entry"].forEach((kind) => events.addEventListener(kind, (e) => postMessage({ kind: kind, data: e.data })));
events.onerror = () => postMessage({ kind: "error" });
