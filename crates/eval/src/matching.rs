//! Maximum bipartite matching (Kuhn's augmenting paths).
//!
//! Layers are small (tens to hundreds of items per document), so the simple O(V·E)
//! algorithm is more than fast enough and easy to verify.

/// Size of a maximum matching between `n_left` and `n_right` items where `edge(i, j)` tells
/// whether left item `i` may pair with right item `j`. Returns the pairs.
pub fn max_matching(
    n_left: usize,
    n_right: usize,
    edge: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let adj: Vec<Vec<usize>> =
        (0..n_left).map(|i| (0..n_right).filter(|&j| edge(i, j)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; n_right];
    for i in 0..n_left {
        let mut seen = vec![false; n_right];
        augment(i, &adj, &mut owner, &mut seen);
    }
    let mut pairs: Vec<(usize, usize)> =
        owner.iter().enumerate().filter_map(|(j, o)| o.map(|i| (i, j))).collect();
    pairs.sort_unstable();
    pairs
}

fn augment(i: usize, adj: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &j in &adj[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        if owner[j].is_none_or(|k| augment(k, adj, owner, seen)) {
            owner[j] = Some(i);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_augmenting_paths() {
        // Greedy would pair 0-0 and leave 1 unmatched; the maximum pairs 0-1 and 1-0.
        let m = max_matching(2, 2, |i, j| (i, j) != (1, 1));
        assert_eq!(m.len(), 2);
        assert_eq!(max_matching(3, 0, |_, _| true).len(), 0);
    }
}
