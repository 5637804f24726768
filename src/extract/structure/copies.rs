//! How many times each non-empty line of one article is printed in it,
//! counted once for the page reader (a short line printed twice is a
//! caption) without comparing every line with every other.
//!
//! Pure text work on the lines it is given; it must not decide what a
//! line is (that is `structure`'s job).

/// For every line, how many lines of `lines` equal it (itself too): the
/// lines are sorted by length first, so only lines of one length are ever
/// compared.
pub(super) fn copy_counts(lines: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_unstable_by(|&left, &right| {
        let (left, right) = (lines[left], lines[right]);
        left.len().cmp(&right.len()).then_with(|| left.cmp(right))
    });
    let mut counts = vec![1; lines.len()];
    let mut run_start = 0;
    for at in 1..=order.len() {
        if at == order.len() || lines[order[at]] != lines[order[run_start]] {
            for &index in &order[run_start..at] {
                counts[index] = at - run_start;
            }
            run_start = at;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_counted_as_by_comparing_every_pair() {
        let lines = ["أ", "ب ج", "أ", "د", "ب ج", "أ", "هـ", "ب", "", "ج ب"];
        let counts = copy_counts(&lines);
        for (index, line) in lines.iter().enumerate() {
            let expected = lines.iter().filter(|other| *other == line).count();
            assert_eq!(counts[index], expected, "{line}");
        }
        assert_eq!(counts[0], 3);
        assert!(copy_counts(&[]).is_empty());
    }
}
