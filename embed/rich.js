// Whether an article needs the rich engine (`article_widget_rich_bg.wasm`):
// the base engine, which every page fetches at once, leaves out lists,
// tables, videos, galleries, pull quotes, separators, rich text runs and
// responsive photos. The block types and fields come from Rust
// (`validate::RICH_BLOCK_TYPES`, `validate::RICH_ARRAY_FIELDS`, as one
// pattern in the generated shared.js); `xtask/src/embed.rs` checks this test against the
// engine in node.
//
// A text scan, not a parse: a 4 MB article costs no second JSON.parse. It
// may say yes for an article that turns out not to need the rich engine
// (an empty `srcset`, a paragraph of plain runs): that costs one download,
// never a block. Within JSON strings quotes are escaped, so article text
// cannot look like a key.
import { RICH_PATTERN } from './shared.js';

const RICH = new RegExp(RICH_PATTERN);

/** Whether the article document `bytes` uses what only the rich engine shows. */
export function needsRich(bytes) {
  return RICH.test(new TextDecoder().decode(bytes));
}
