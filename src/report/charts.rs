//! Horizontal bar charts drawn on the server as SVG: the geometry (bar widths, text
//! positions) is computed here, and `templates/reports/chart.html` only writes it out,
//! with a `<title>`, a `<desc>` and a table of the same numbers beside it.
//!
//! Bars are scaled to the largest exact count. A suppressed count ("fewer than 5") is
//! drawn as a short hatched bar of fixed width, never at a size that would hint at
//! its true value, which the report does not know anyway.

use super::model::Chart;

/// Width of the drawing, in SVG user units (pixels at 100 %).
pub const WIDTH: u32 = 640;
/// The longest bar, leaving room on its right for the value ("fewer than 5").
pub const BAR_MAX: u32 = 500;
/// Width of the bar drawn for a suppressed count.
pub const SUPPRESSED_WIDTH: u32 = 24;
/// Where bars start (room for the outline of a suppressed bar).
const BAR_X: u32 = 2;
/// Vertical space of one bar: its label above, then the bar.
const ROW: u32 = 52;
const PAD: u32 = 8;
const BAR_HEIGHT: u32 = 20;

/// A chart ready for the SVG template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    /// Anchor of the chart's figure ("chart-by-theme").
    pub id: String,
    /// Id of the SVG `<title>`.
    pub title_id: String,
    /// Id of the SVG `<desc>`.
    pub desc_id: String,
    /// Id of the hatch pattern used by suppressed bars.
    pub hatch_id: String,
    pub title: String,
    pub description: String,
    /// What is counted ("testimonies").
    pub unit: String,
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
    /// Whether any bar stands for a count shown as "fewer than 5".
    pub any_suppressed: bool,
}

/// One bar with its label and value, positioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// The count as published: "12", or "fewer than 5".
    pub shown: String,
    pub suppressed: bool,
    /// Left edge of the bar.
    pub x: u32,
    /// Width of the bar (0 for a count of zero).
    pub width: u32,
    /// Top edge of the bar.
    pub y: u32,
    pub bar_height: u32,
    /// Baseline of the label, written above the bar.
    pub label_y: u32,
    /// Start of the value written after the end of the bar.
    pub value_x: u32,
    /// Baseline of the value.
    pub value_y: u32,
}

/// Lay out a chart: bar widths proportional to the largest exact count.
pub fn bar_chart(chart: &Chart) -> BarChart {
    let max = chart
        .bars
        .iter()
        .filter_map(|b| b.count.exact())
        .max()
        .unwrap_or(0)
        .max(1);
    let bars: Vec<Bar> = chart
        .bars
        .iter()
        .zip(0u32..)
        .map(|(tally, index)| {
            let top = PAD + index * ROW;
            let width = match tally.count.exact() {
                None => SUPPRESSED_WIDTH,
                Some(0) => 0,
                // At least 2 units so that a small non-zero count stays visible.
                Some(n) => scale(n, max).max(2),
            };
            let y = top + 22;
            Bar {
                label: tally.label.clone(),
                shown: tally.count.to_string(),
                suppressed: tally.count.is_suppressed(),
                x: BAR_X,
                width,
                y,
                bar_height: BAR_HEIGHT,
                label_y: top + 16,
                value_x: BAR_X + width + 8,
                value_y: y + 15,
            }
        })
        .collect();
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX / ROW);
    let id = format!("chart-{}", chart.id);
    BarChart {
        title_id: format!("{id}-title"),
        desc_id: format!("{id}-desc"),
        hatch_id: format!("{id}-hatch"),
        id,
        title: chart.title.clone(),
        description: chart.description.clone(),
        unit: chart.unit.clone(),
        width: WIDTH,
        height: 2 * PAD + rows * ROW,
        any_suppressed: bars.iter().any(|b| b.suppressed),
        bars,
    }
}

/// `n` out of `max` as a bar width, rounded to the nearest unit.
fn scale(n: u64, max: u64) -> u32 {
    let width = (n.min(max) * u64::from(BAR_MAX) + max / 2) / max;
    u32::try_from(width).unwrap_or(BAR_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::{Count, suppress};
    use crate::report::model::Tally;

    fn chart(counts: &[Count]) -> Chart {
        Chart {
            id: "by-role".to_owned(),
            title: "Testimony by role".to_owned(),
            description: "Bars.".to_owned(),
            unit: "testimonies".to_owned(),
            bars: counts
                .iter()
                .enumerate()
                .map(|(i, c)| Tally {
                    label: format!("role {i}"),
                    count: *c,
                })
                .collect(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_exact_count() {
        let c = bar_chart(&chart(&[suppress(20), suppress(10), suppress(0)]));
        let widths: Vec<u32> = c.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![BAR_MAX, BAR_MAX / 2, 0]);
        assert_eq!(c.bars[1].shown, "10");
        assert!(c.bars[1].label_y < c.bars[1].y);
        assert!(c.bars[2].y > c.bars[1].y + c.bars[1].bar_height);
        assert!(c.height >= c.bars[2].y + c.bars[2].bar_height);
        assert_eq!(c.title_id, "chart-by-role-title");
    }

    #[test]
    fn a_suppressed_count_is_a_short_bar_of_fixed_width() {
        let c = bar_chart(&chart(&[suppress(5), suppress(3)]));
        assert!(c.any_suppressed);
        assert!(c.bars[1].suppressed);
        assert_eq!(c.bars[1].width, SUPPRESSED_WIDTH);
        assert_eq!(c.bars[1].shown, "fewer than 5");
        // The same drawing whatever the hidden count.
        assert_eq!(c, bar_chart(&chart(&[suppress(5), suppress(1)])));
    }

    #[test]
    fn a_chart_of_only_suppressed_counts_does_not_divide_by_zero() {
        let c = bar_chart(&chart(&[suppress(2)]));
        assert_eq!(c.bars[0].width, SUPPRESSED_WIDTH);
        let empty = bar_chart(&chart(&[]));
        assert!(empty.bars.is_empty());
        assert!(empty.height > 0);
    }
}
