//! Grouping: the union-find both the timeline and the series use to put facts from
//! different sources together.
//!
//! In: items (events or figures), a keyword index that lists, per item, the postings to
//! scan for candidates, and the pairwise rule. Out: each item's group (the index of its
//! group's first item). Candidates are the later items sharing two or more keys; they
//! are checked against the rule in parallel, a few thousand items at a time, and joined
//! one after the other in item order, so the groups never depend on the thread count.
//! Groups do not chain: two groups join only when their first items also pass the rule,
//! and never when they already hold a fact of the same source.

use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Items whose candidates are found in one parallel round.
const ROUND: usize = 4096;

thread_local! {
    /// Shared-key counters, one per item, reused across rounds (all zero between items).
    static COUNTS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// What the grouping needs to know about the items.
pub(super) trait Items: Sync {
    /// How many items there are.
    fn len(&self) -> usize;
    /// The source of item `i`.
    fn source(&self, i: usize) -> usize;
    /// Calls `scan` with every posting list (ascending item indexes) to count shared
    /// keys of item `i` in.
    fn postings(&self, i: usize, scan: &mut dyn FnMut(&[u32]));
    /// True when items `a` and `b` describe the same thing.
    fn same(&self, a: usize, b: usize) -> bool;
}

/// The later items sharing two or more keys with item `i` (from its postings) that pass
/// the rule, in index order.
fn matches(items: &impl Items, i: usize, counts: &mut [u32]) -> Vec<u32> {
    let mut touched: Vec<u32> = Vec::new();
    items.postings(i, &mut |list| {
        let from = list.partition_point(|&j| j as usize <= i);
        for &j in &list[from..] {
            let c = &mut counts[j as usize];
            if *c == 0 {
                touched.push(j);
            }
            *c += 1;
        }
    });
    // Every rule needs two shared keys; check candidates in index order.
    touched.retain(|&j| std::mem::take(&mut counts[j as usize]) >= 2);
    touched.sort_unstable();
    let source = items.source(i);
    touched.retain(|&j| items.source(j as usize) != source && items.same(i, j as usize));
    touched
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The group of every item: the index of the group's first item.
pub(super) fn group(items: &impl Items) -> Vec<usize> {
    let n = items.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut group_sources: Vec<BTreeSet<usize>> =
        (0..n).map(|i| BTreeSet::from([items.source(i)])).collect();
    for start in (0..n).step_by(ROUND) {
        let end = (start + ROUND).min(n);
        let found: Vec<Vec<u32>> = (start..end)
            .into_par_iter()
            .map(|i| {
                COUNTS.with(|counts| {
                    let mut counts = counts.borrow_mut();
                    if counts.len() < n {
                        counts.resize(n, 0);
                    }
                    matches(items, i, &mut counts)
                })
            })
            .collect();
        for (i, js) in (start..end).zip(found) {
            for j in js {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j as usize));
                if ri == rj || !group_sources[ri].is_disjoint(&group_sources[rj]) {
                    continue;
                }
                // No chains: the groups' first items must describe the same thing too.
                if !items.same(ri, rj) {
                    continue;
                }
                let (keep, gone) = (ri.min(rj), ri.max(rj));
                parent[gone] = keep;
                // Pour the smaller set into the larger, so a big group is never copied.
                let mut moved = std::mem::take(&mut group_sources[gone]);
                if moved.len() > group_sources[keep].len() {
                    std::mem::swap(&mut moved, &mut group_sources[keep]);
                }
                group_sources[keep].extend(moved);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}
