"use strict";
// The live connection (server-sent events from /api/events) lives in this worker, not in the page: a page-level
// EventSource is a fetch that never ends, and headless screenshot tools (chromium --virtual-time-budget) hold the
// page's clock still while any of its fetches is open, so they would wait forever. The page gets each event by message.
const events = new EventSource("api/events");
["history", "entry"].forEach((kind) => events.addEventListener(kind, (e) => postMessage({ kind: kind, data: e.data })));
events.onerror = () => postMessage({ kind: "error" });
