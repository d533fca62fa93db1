//! Samples, medians, ratios and the markdown table `cargo xtask bench` prints.

use std::fmt::Write as _;

use serde_json::Value;

/// What one page load measured (times in ms from navigation start).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sample {
    /// Largest contentful paint.
    pub lcp: f64,
    /// First frame in which every expected article body was in the DOM.
    pub rendered: f64,
    /// Total blocking time: the sum of (duration − 50 ms) over long tasks.
    pub tbt: f64,
    /// The longest task.
    pub longest: f64,
    /// Cumulative layout shift.
    pub cls: f64,
    /// Bytes over the wire (resource timing `transferSize`, page included).
    pub transfer: f64,
    /// Linear memory of every wasm instance at the end, in bytes.
    pub wasm_memory: Option<f64>,
    /// wasm instances created.
    pub wasm_instances: f64,
    /// `.wasm` requests the server answered during this load.
    pub wasm_downloads: f64,
    /// QR codes already in the DOM in the first rendered frame.
    pub qr_at_render: f64,
}

impl Sample {
    /// Reads the probe's report (see `pages/probe.js`).
    ///
    /// # Errors
    ///
    /// When a required number is missing, i.e. the page never rendered.
    pub fn from_probe(report: &Value, wasm_downloads: usize) -> Result<Sample, String> {
        let num = |key: &str| report.get(key).and_then(Value::as_f64);
        let need =
            |key: &str| num(key).ok_or_else(|| format!("the probe has no `{key}`: {report}"));
        #[allow(clippy::cast_precision_loss)]
        Ok(Sample {
            lcp: need("lcp")?,
            rendered: need("rendered")?,
            tbt: need("tbt")?,
            longest: need("longest")?,
            cls: need("cls")?,
            transfer: need("transfer")?,
            wasm_memory: num("wasmMemory"),
            wasm_instances: num("wasmInstances").unwrap_or(0.0),
            wasm_downloads: wasm_downloads as f64,
            qr_at_render: num("qrAtRender").unwrap_or(0.0),
        })
    }
}

/// The median (mean of the middle two for an even count); `None` when empty.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 0 {
        f64::midpoint(v[mid - 1], v[mid])
    } else {
        v[mid]
    })
}

/// Field-wise medians of samples.
pub fn median_sample(samples: &[Sample]) -> Option<Sample> {
    let m = |f: fn(&Sample) -> f64| median(samples.iter().map(f));
    Some(Sample {
        lcp: m(|s| s.lcp)?,
        rendered: m(|s| s.rendered)?,
        tbt: m(|s| s.tbt)?,
        longest: m(|s| s.longest)?,
        cls: m(|s| s.cls)?,
        transfer: m(|s| s.transfer)?,
        wasm_memory: median(samples.iter().filter_map(|s| s.wasm_memory)),
        wasm_instances: m(|s| s.wasm_instances)?,
        wasm_downloads: m(|s| s.wasm_downloads)?,
        qr_at_render: m(|s| s.qr_at_render)?,
    })
}

/// One line of the table: a variant in a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// "1 article", "1 MB article", "20 widgets".
    pub scenario: String,
    /// "mobile" or "desktop".
    pub profile: String,
    /// "cold" or "warm".
    pub cache: String,
    /// "static", "plain-JS", "widget", "prerendered widget".
    pub variant: String,
    /// Medians, if any run succeeded.
    pub median: Option<Sample>,
    /// The static variant's medians in the same scenario, for ratios.
    pub baseline: Option<Sample>,
    /// Successful runs.
    pub runs: usize,
    /// Failed runs, with the first error.
    pub failures: Vec<String>,
}

fn ms(v: f64) -> String {
    format!("{v:.0}")
}

fn ratio(value: f64, base: f64) -> String {
    if base > 0.0 {
        format!("{:.2}x", value / base)
    } else {
        "-".to_owned()
    }
}

/// The markdown table of all rows.
#[allow(clippy::single_match_else)] // two arms of very different length read better as a match
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| scenario | profile | cache | variant | LCP ms | LCP ×static | rendered ms | rendered ×static | TBT ms | longest task ms | CLS | KB over the wire | wasm memory MB | wasm fetched | QR in 1st paint | runs |\n\
         |---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let _ = write!(
            out,
            "| {} | {} | {} | {} ",
            row.scenario, row.profile, row.cache, row.variant
        );
        match row.median {
            Some(m) => {
                let base = row.baseline.unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {:.3} | {:.1} | {} | {} | {} | {}{} |",
                    ms(m.lcp),
                    ratio(m.lcp, base.lcp),
                    ms(m.rendered),
                    ratio(m.rendered, base.rendered),
                    ms(m.tbt),
                    ms(m.longest),
                    m.cls,
                    m.transfer / 1000.0,
                    m.wasm_memory
                        .map_or_else(|| "-".to_owned(), |b| format!("{:.2}", b / 1_048_576.0)),
                    if row.variant.ends_with("widget") {
                        format!("{:.0}", m.wasm_downloads)
                    } else {
                        "-".to_owned()
                    },
                    if row.variant == "widget" {
                        if m.qr_at_render > 0.0 { "yes" } else { "no" }.to_owned()
                    } else {
                        "-".to_owned()
                    },
                    row.runs,
                    if row.failures.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} failed)", row.failures.len())
                    },
                );
            }
            None => {
                let why = row
                    .failures
                    .first()
                    .map_or("not measured", String::as_str)
                    .replace('|', "/")
                    .replace('\n', " ");
                let short: String = why.chars().take(80).collect();
                let _ = writeln!(out, "| failed: {short} | | | | | | | | | | | 0 |");
            }
        }
    }
    out
}

/// A performance target (`docs/performance.md`) and whether the measurements meet it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The target, in words.
    pub target: String,
    /// What was measured.
    pub measured: String,
    /// `None` when not measured.
    pub met: Option<bool>,
}

/// The targets list as markdown.
pub fn verdicts(list: &[Verdict]) -> String {
    let mut out = String::from("| target | measured | met |\n|---|---|---|\n");
    for v in list {
        let met = match v.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "not measured",
        };
        let _ = writeln!(out, "| {} | {} | {met} |", v.target, v.measured);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn medians() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median([f64::NAN, 5.0]), Some(5.0));
        assert_eq!(median(Vec::<f64>::new()), None);
    }

    #[test]
    fn probe_report_and_table() {
        let report = json!({"lcp": 400.0, "rendered": 390.5, "tbt": 10.0, "longest": 60.0,
            "cls": 0.01, "transfer": 120_000.0, "wasmMemory": 1_179_648.0,
            "wasmInstances": 1, "qrAtRender": 0});
        let s = Sample::from_probe(&report, 1).unwrap();
        assert_eq!(s.wasm_memory, Some(1_179_648.0));
        assert!(Sample::from_probe(&json!({"lcp": 1.0, "rendered": null}), 0).is_err());
        let base = Sample {
            lcp: 200.0,
            rendered: 195.25,
            ..Sample::default()
        };
        let rows = [Row {
            scenario: "1 article".into(),
            profile: "mobile".into(),
            cache: "cold".into(),
            variant: "widget".into(),
            median: median_sample(&[s, s, base]),
            baseline: Some(base),
            runs: 3,
            failures: vec![],
        }];
        let t = table(&rows);
        assert!(
            t.contains("| 1 article | mobile | cold | widget | 400 | 2.00x | 390 | 2.00x | 10 | 60 | 0.010 | 120.0 | 1.12 | 1 | no | 3 |"),
            "{t}"
        );
        let v = verdicts(&[Verdict {
            target: "t".into(),
            measured: "m".into(),
            met: Some(false),
        }]);
        assert!(v.contains("| t | m | **no** |"));
    }
}
