//! Commands: what `brief check`, `review`, `new` and `serve` do beyond a build, on top
//! of the library's public API.
//!
//! In: a site folder (and, for `serve`, an address). Out: problems found ([`check`]),
//! decisions written to the corrections file ([`review`], and the review page of
//! `serve`, [`review_page`]), a new site ([`new`]), a
//! live preview ([`serve`]).
pub mod check;
pub mod new;
pub mod review;
pub mod review_page;
pub mod serve;
