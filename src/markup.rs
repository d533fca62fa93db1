//! The article page as an HTML string, without Yew: what the embed engine
//! renders. Being written; see the doc of each function.
