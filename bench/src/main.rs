//! `article-widget-bench run|size`: the programs behind `cargo xtask bench`
//! and `cargo xtask size`. Run them through xtask, which builds first.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use article_widget_bench::{lighthouse, report, rich_payload, run, size_report};

const USAGE: &str =
    "usage: article-widget-bench run --dist DIR --work DIR --out FILE [--runs N] [--quick] [--http1] [--scenario one|big|twenty]
       article-widget-bench lighthouse --dist DIR --work DIR --out FILE --lighthouse CLI_JS [--runs N]
       article-widget-bench size --dist DIR [--names WASM]... [--check]";

/// The brotli budget of the embed's wasm + JS glue.
const BUDGET: usize = 55_000;

/// The brotli budget of the rich engine's wasm + its glue + the loader: what
/// an article with lists, tables, videos… loads beside the base engine's wasm.
const RICH_BUDGET: usize = 64_000;

#[derive(Debug, Default)]
struct Args {
    command: String,
    dist: Option<PathBuf>,
    work: Option<PathBuf>,
    out: Option<PathBuf>,
    names: Vec<PathBuf>,
    runs: Option<usize>,
    quick: bool,
    http1: bool,
    scenario: Option<String>,
    check: bool,
    lighthouse: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args> {
    let mut parsed = Args::default();
    let mut it = args.iter();
    parsed.command = it.next().cloned().unwrap_or_default();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .with_context(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--dist" => parsed.dist = Some(value()?.into()),
            "--work" => parsed.work = Some(value()?.into()),
            "--out" => parsed.out = Some(value()?.into()),
            "--names" => parsed.names.push(value()?.into()),
            "--runs" => parsed.runs = Some(value()?.parse().context("--runs needs a number")?),
            "--quick" => parsed.quick = true,
            "--http1" => parsed.http1 = true,
            "--scenario" => parsed.scenario = Some(value()?.clone()),
            "--check" => parsed.check = true,
            "--lighthouse" => parsed.lighthouse = Some(value()?.into()),
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match real_main(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("article-widget-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn real_main(args: &[String]) -> Result<ExitCode> {
    let args = parse(args)?;
    let dist = args.dist.clone().context(USAGE)?;
    match args.command.as_str() {
        "size" => size(&dist, &args),
        "run" => {
            let work = args.work.clone().context(USAGE)?;
            let out = args.out.clone().context(USAGE)?;
            let options = run::Options {
                dist: dist.clone(),
                work,
                runs: args.runs.unwrap_or(if args.quick { 3 } else { 5 }).max(1),
                quick: args.quick,
                http1: args.http1,
                scenario: match args.scenario.as_deref() {
                    None => None,
                    Some(key) => Some(run::Scenario::from_key(key).with_context(|| {
                        format!("no scenario `{key}`: one of one, big, twenty")
                    })?),
                },
            };
            let pages = run::prepare(&options.dist, &options.work)?;
            eprintln!("bench: the widget is {}", pages.widget);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let started = std::time::Instant::now();
            let rows = runtime.block_on(run::run(&options, &pages))?;
            let (_, payload) = size_report(&dist, &[])?;
            let text = format!(
                "Widget: {}. Served over {}. Medians of {} runs{}; ratios against static HTML measured in the same run. \
                 Took {:.0} s.\n\n{}\n{}",
                pages.widget,
                if options.http1 { "HTTP/1.1 (--http1)" } else { "HTTPS with HTTP/2" },
                options.runs,
                if options.quick { " (--quick)" } else { "" },
                started.elapsed().as_secs_f64(),
                report::table(&rows),
                report::verdicts(&run::verdicts(&rows, Some(payload)))
            );
            println!("{text}");
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("bench: wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        "lighthouse" => {
            let options = lighthouse::Options {
                dist: dist.clone(),
                lighthouse: args.lighthouse.clone().context(USAGE)?,
                work: args.work.clone().context(USAGE)?,
                runs: args.runs.unwrap_or(3).max(1),
            };
            let out = args.out.clone().context(USAGE)?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let started = std::time::Instant::now();
            let results = runtime.block_on(lighthouse::run(&options))?;
            let text = format!(
                "{}\nTook {:.0} s.",
                lighthouse::report(&results, options.runs),
                started.elapsed().as_secs_f64()
            );
            println!("{text}");
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("bench: wrote {}", out.display());
            if results.iter().any(|r| r.runs.is_empty()) {
                eprintln!("bench: every Lighthouse run of some page failed");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => bail!("{USAGE}"),
    }
}

/// `size`: the report, and with `--check` the budgets of both engines.
fn size(dist: &std::path::Path, args: &Args) -> Result<ExitCode> {
    let (text, (name, payload)) = size_report(dist, &args.names)?;
    println!("{text}");
    if args.check && name == "embed" && payload.brotli > BUDGET {
        eprintln!(
            "size: the embed's wasm + JS glue is {} bytes brotli, over the budget of {BUDGET}",
            payload.brotli
        );
        return Ok(ExitCode::FAILURE);
    }
    if let Some(rich) = rich_payload(dist)?.filter(|_| args.check) {
        if rich.brotli > RICH_BUDGET {
            eprintln!(
                "size: the rich engine's wasm + JS glue + loader is {} bytes brotli, over its budget of {RICH_BUDGET}",
                rich.brotli
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    if args.check && name != "embed" {
        eprintln!(
            "size: no embed in {}; nothing to check against the budget",
            dist.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
