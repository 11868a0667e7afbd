//! Commands: what `brief check`, `review`, `new` and `serve` do beyond a build, on top
//! of the library's build functions.
pub mod check;
pub mod new;
pub mod review;
pub mod serve;
