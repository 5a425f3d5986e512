//! The browser's side of editing: each open file's buffer, and when its
//! text goes to the store to be validated. The logic is core's.

pub mod buffer;
pub mod buffers;
