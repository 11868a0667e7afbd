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
//!
//! A candidate already in the item's group when its round starts is not checked: groups
//! only ever grow, so the join would be skipped anyway (a happening many sources report
//! gives many such pairs).

use rayon::prelude::*;
use std::cell::RefCell;

/// Items whose candidates are found in one parallel round.
const ROUND: usize = 4096;

/// Per-thread working space of [`matches`], reused from item to item.
#[derive(Default)]
struct Scratch {
    /// Shared-key counters, one per item (all zero between items).
    counts: Vec<u32>,
    /// The items whose counter is not zero.
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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
    /// [`Items::same`] for `a` and a later candidate `b` that shares `counted` keys
    /// with it in the postings `a` scanned; the rest of their shared keys are among
    /// `b`'s [`Index::capped`] keys. A rule can often decide on these counts alone.
    fn same_counted(&self, a: usize, b: usize, counted: usize) -> bool {
        let _ = counted;
        self.same(a, b)
    }
}

/// Sorted lists of key numbers, one per item, in one buffer.
#[derive(Debug, Default)]
pub(super) struct KeyLists {
    /// Where each item's list starts in `ids` (one more entry than items).
    at: Vec<u32>,
    ids: Vec<u32>,
}

impl KeyLists {
    /// Appends the next item's keys (sorted).
    pub(super) fn push(&mut self, keys: &[u32]) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.ids.extend_from_slice(keys);
        self.at.push(self.ids.len() as u32);
    }

    /// The keys of item `i`.
    pub(super) fn get(&self, i: usize) -> &[u32] {
        &self.ids[self.at[i] as usize..self.at[i + 1] as usize]
    }
}

/// Posting lists: for each (key, slot) the items holding the key in that slot, in item
/// order. A slot is what the grouping scans besides the key (a month, a unit). Lists
/// longer than the cap are left out, as they do not tell items apart. Laid out key by
/// key, slots ascending, so an item finds its lists by a short search per key rather
/// than by hashing every (slot, key) pair.
#[derive(Debug, Default)]
pub(super) struct Index {
    /// Where each key's lists start in `lists` (one more entry than keys).
    key_at: Vec<u32>,
    /// (slot, start, end): one list, `items[start..end]`.
    lists: Vec<(i64, u32, u32)>,
    items: Vec<u32>,
    /// Per item, how many of its keys are left out in its slot (lists over the cap).
    capped: Vec<u32>,
}

impl Index {
    /// The index of items with the given slots and keys (key numbers below `key_count`),
    /// without lists longer than `cap`.
    pub(super) fn new(slots: &[i64], keys: &KeyLists, key_count: usize, cap: usize) -> Index {
        // Counting sort by key; the items of a key stay in item order.
        let mut at = vec![0u32; key_count + 1];
        for i in 0..slots.len() {
            for &k in keys.get(i) {
                at[k as usize + 1] += 1;
            }
        }
        for k in 0..key_count {
            at[k + 1] += at[k];
        }
        let mut next = at.clone();
        let mut pairs = vec![(0i64, 0u32); at[key_count] as usize];
        for (i, &slot) in slots.iter().enumerate() {
            for &k in keys.get(i) {
                let n = &mut next[k as usize];
                pairs[*n as usize] = (slot, i as u32);
                *n += 1;
            }
        }
        let mut index = Index {
            key_at: Vec::with_capacity(key_count + 1),
            lists: Vec::new(),
            items: Vec::new(),
            capped: vec![0; slots.len()],
        };
        index.key_at.push(0);
        for k in 0..key_count {
            let run = &mut pairs[at[k] as usize..at[k + 1] as usize];
            // Pairs are distinct: an unstable sort gives slots ascending, items ascending.
            run.sort_unstable();
            for list in run.chunk_by(|a, b| a.0 == b.0) {
                if list.len() <= cap {
                    let start = index.items.len() as u32;
                    index.items.extend(list.iter().map(|p| p.1));
                    index
                        .lists
                        .push((list[0].0, start, index.items.len() as u32));
                } else {
                    for p in list {
                        index.capped[p.1 as usize] += 1;
                    }
                }
            }
            index.key_at.push(index.lists.len() as u32);
        }
        index
    }

    /// How many keys of item `i` have their list in its slot left out.
    pub(super) fn capped(&self, i: usize) -> usize {
        self.capped[i] as usize
    }

    /// Calls `scan` with the list of `key` in each of `slots` (ascending) that has one.
    pub(super) fn scan(&self, key: u32, slots: &[i64], scan: &mut dyn FnMut(&[u32])) {
        let Some(&first) = slots.first() else { return };
        let lists =
            &self.lists[self.key_at[key as usize] as usize..self.key_at[key as usize + 1] as usize];
        let mut p = lists.partition_point(|l| l.0 < first);
        for &slot in slots {
            while p < lists.len() && lists[p].0 < slot {
                p += 1;
            }
            if p == lists.len() {
                return;
            }
            if lists[p].0 == slot {
                let (_, start, end) = lists[p];
                scan(&self.items[start as usize..end as usize]);
            }
        }
    }
}

/// The groups of the items from `from` on when a round starts (their roots).
struct Snapshot {
    from: usize,
    roots: Vec<usize>,
}

impl Snapshot {
    fn take(parent: &mut [usize], from: usize) -> Snapshot {
        let roots = (from..parent.len()).map(|x| find(parent, x)).collect();
        Snapshot { from, roots }
    }

    /// True when items `a` and `b` (both from `from` on) were already in one group.
    fn together(&self, a: usize, b: usize) -> bool {
        self.roots[a - self.from] == self.roots[b - self.from]
    }
}

/// The later items sharing two or more keys with item `i` (from its postings) that pass
/// the rule, in index order, leaving out those already in its group.
fn matches(items: &impl Items, i: usize, scratch: &mut Scratch, groups: &Snapshot) -> Vec<u32> {
    let Scratch { counts, touched } = scratch;
    touched.clear();
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
    let mut found: Vec<(u32, u32)> = Vec::new();
    for &j in touched.iter() {
        let c = std::mem::take(&mut counts[j as usize]);
        if c >= 2 {
            found.push((j, c));
        }
    }
    found.sort_unstable();
    let source = items.source(i);
    found
        .into_iter()
        .filter(|&(j, c)| {
            let j = j as usize;
            items.source(j) != source
                && !groups.together(i, j)
                && items.same_counted(i, j, c as usize)
        })
        .map(|(j, _)| j)
        .collect()
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// True when two ascending lists share no element. A group's sources are often many
/// against one: each of the shorter list is looked up in the longer.
fn disjoint(a: &[usize], b: &[usize]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.iter().all(|x| long.binary_search(x).is_err())
}

/// The union of two disjoint ascending lists, ascending: the shorter one's elements
/// are put into the longer one in place.
fn merge(a: Vec<usize>, b: Vec<usize>) -> Vec<usize> {
    let (short, mut long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.reserve(short.len());
    for x in short {
        let at = long.partition_point(|&y| y < x);
        long.insert(at, x);
    }
    long
}

/// The group of every item: the index of the group's first item.
pub(super) fn group(items: &impl Items) -> Vec<usize> {
    group_in_rounds(items, ROUND)
}

/// [`group`], finding the candidates of `round` items at a time.
fn group_in_rounds(items: &impl Items, round: usize) -> Vec<usize> {
    let n = items.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // The sources of each group of two or more (kept on its root), ascending; a group of
    // one has its item's source.
    let mut group_sources: Vec<Vec<usize>> = vec![Vec::new(); n];
    for start in (0..n).step_by(round) {
        let end = (start + round).min(n);
        let groups = Snapshot::take(&mut parent, start);
        let found: Vec<Vec<u32>> = (start..end)
            .into_par_iter()
            .map(|i| {
                SCRATCH.with(|scratch| {
                    let mut scratch = scratch.borrow_mut();
                    if scratch.counts.len() < n {
                        scratch.counts.resize(n, 0);
                    }
                    matches(items, i, &mut scratch, &groups)
                })
            })
            .collect();
        for (i, js) in (start..end).zip(found) {
            for j in js {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j as usize));
                if ri == rj {
                    continue;
                }
                // No chains: the groups' first items must describe the same thing too
                // (already known when they are `i` and `j` themselves). Tested before
                // the sources, as it is the cheaper test and the one that fails more.
                if (ri, rj) != (i, j as usize) && !items.same(ri, rj) {
                    continue;
                }
                let (si, sj) = (items.source(ri), items.source(rj));
                let a: &[usize] = if group_sources[ri].is_empty() {
                    std::slice::from_ref(&si)
                } else {
                    &group_sources[ri]
                };
                let b: &[usize] = if group_sources[rj].is_empty() {
                    std::slice::from_ref(&sj)
                } else {
                    &group_sources[rj]
                };
                if !disjoint(a, b) {
                    continue;
                }
                let (keep, gone) = (ri.min(rj), ri.max(rj));
                parent[gone] = keep;
                let mut own = |r: usize| match std::mem::take(&mut group_sources[r]) {
                    v if v.is_empty() => vec![items.source(r)],
                    v => v,
                };
                let (kept, moved) = (own(keep), own(gone));
                group_sources[keep] = merge(kept, moved);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::text::shared_ids;

    #[test]
    fn the_index_lists_each_key_per_slot_in_item_order_and_drops_long_lists() {
        let mut keys = KeyLists::default();
        for k in [&[0u32, 1][..], &[1], &[0, 1], &[1, 2], &[1]] {
            keys.push(k);
        }
        let slots = [5i64, 3, 5, 5, 3];
        let index = Index::new(&slots, &keys, 3, 2);
        let lists = |key: u32, want: &[i64]| {
            let mut out: Vec<Vec<u32>> = Vec::new();
            index.scan(key, want, &mut |l| out.push(l.to_vec()));
            out
        };
        assert_eq!(lists(0, &[3, 5]), [vec![0, 2]]);
        // Key 1 in slot 5 has three items: over the cap.
        assert_eq!(lists(1, &[3, 4, 5, 6]), [vec![1, 4]]);
        assert_eq!(lists(2, &[5]), [vec![3]]);
        assert!(lists(2, &[4, 6]).is_empty());
        assert!(lists(0, &[]).is_empty());
    }

    /// Items with explicit sources and keys; two are the same when they share three
    /// keys, or two and their indexes have the same parity (so that some pairs that
    /// share keys are not the same, and groups can refuse to chain).
    struct Toy {
        sources: Vec<usize>,
        keys: KeyLists,
        index: Index,
    }

    impl Items for Toy {
        fn len(&self) -> usize {
            self.sources.len()
        }
        fn source(&self, i: usize) -> usize {
            self.sources[i]
        }
        fn postings(&self, i: usize, scan: &mut dyn FnMut(&[u32])) {
            for &k in self.keys.get(i) {
                self.index.scan(k, &[0], scan);
            }
        }
        fn same(&self, a: usize, b: usize) -> bool {
            let shared = shared_ids(self.keys.get(a), self.keys.get(b));
            shared >= 3 || (shared >= 2 && (a ^ b) & 1 == 0)
        }
    }

    /// The grouping's rules applied the plain way: every pair in order, groups kept
    /// as lists of members.
    fn reference(t: &Toy) -> Vec<usize> {
        let n = t.len();
        let mut group: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                let shared = shared_ids(t.keys.get(i), t.keys.get(j));
                if shared < 2 || t.sources[i] == t.sources[j] || !t.same(i, j) {
                    continue;
                }
                let (gi, gj) = (group[i], group[j]);
                if gi == gj || !t.same(gi, gj) {
                    continue;
                }
                let sources_of = |g: usize| -> Vec<usize> {
                    (0..n)
                        .filter(|&x| group[x] == g)
                        .map(|x| t.sources[x])
                        .collect()
                };
                let (a, b) = (sources_of(gi), sources_of(gj));
                if a.iter().any(|x| b.contains(x)) {
                    continue;
                }
                let (keep, gone) = (gi.min(gj), gi.max(gj));
                for g in group.iter_mut() {
                    if *g == gone {
                        *g = keep;
                    }
                }
            }
        }
        group
    }

    #[test]
    fn groups_are_those_of_the_plain_pairwise_rules() {
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut joined = 0;
        for _ in 0..200 {
            let n = 10 + next(50) as usize;
            let sources: Vec<usize> = (0..n).map(|_| next(6) as usize).collect();
            let mut keys = KeyLists::default();
            for _ in 0..n {
                let mut k: Vec<u32> = (0..2 + next(4)).map(|_| next(9) as u32).collect();
                k.sort_unstable();
                k.dedup();
                keys.push(&k);
            }
            let index = Index::new(&vec![0; n], &keys, 9, n);
            let toy = Toy {
                sources,
                keys,
                index,
            };
            let want = reference(&toy);
            assert_eq!(group(&toy), want);
            // Small rounds: candidates already in the item's group are left out.
            for round in [1, 3, 7] {
                assert_eq!(group_in_rounds(&toy, round), want);
            }
            joined += want.iter().enumerate().filter(|&(i, &g)| g != i).count();
        }
        // The inputs do join items (the test is not vacuous).
        assert!(joined > 500, "{joined}");
    }

    #[test]
    fn source_lists_meet_and_merge_in_order() {
        assert!(disjoint(&[1, 4, 9], &[2, 5, 8]));
        assert!(!disjoint(&[1, 4, 9], &[0, 9]));
        assert!(disjoint(&[], &[3]));
        assert!(!disjoint(&[9], &[1, 4, 9]));
        assert_eq!(merge(vec![1, 4, 9], vec![2, 10]), [1, 2, 4, 9, 10]);
        assert_eq!(merge(vec![5], vec![1, 4, 9]), [1, 4, 5, 9]);
    }
}
