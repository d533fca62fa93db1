//! `cargo xtask`: this project's automation, as a small Rust program so that it runs
//! the same on every machine with nothing but cargo installed.
//!
//! `build` makes the release bundle, `serve` serves it on loopback, `test` runs every
//! check CI runs (`.ci/run` is just `cargo xtask test`), `import-score` measures
//! the importer on real pages kept outside the repository, and `setup` installs
//! the tools. `cargo xtask help` lists every command and flag (see [`cli`]).

mod bench;
mod cli;
mod embed;
mod fuzz;
mod process;
mod pwa;
mod size;
mod steps;
mod tools;

use std::process::ExitCode;

use cli::Command;
use process::Env;

fn main() -> ExitCode {
    let Some(command) = cli::parse().command else {
        cli::print_help();
        return ExitCode::SUCCESS;
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    // A bad selection of steps is a usage error, reported before any work.
    let steps = match &command {
        Command::Test(args) => args
            .steps()
            .unwrap_or_else(|e| cli::usage_error("test", &e)),
        _ => Vec::new(),
    };
    let env = Env::new()?;
    match command {
        Command::Build => build(&env),
        Command::Serve(args) => {
            if !args.no_build {
                build(&env)?;
            }
            serve(&env, args.port)
        }
        Command::Test(_) => steps::run_all(&env, &steps),
        Command::Bench(args) => bench::run(&env, &args),
        Command::Size(args) => size::run(&env, &args),
        Command::Fuzz(args) => fuzz::run(&env, args),
        Command::ImportScore => import_score(&env),
        Command::Setup => {
            let mut all = tools::BUILD_TOOLS.to_vec();
            all.extend([
                tools::Tool::Browser,
                tools::Tool::Axe,
                tools::Tool::Firefox,
                tools::Tool::WebKit,
            ]);
            tools::ensure(&env, &all)
        }
    }
}
/// Installs the build tools and runs the release build into `dist/`.
fn build(env: &Env) -> Result<(), String> {
    tools::ensure(env, tools::BUILD_TOOLS)?;
    let mut command = steps::release_build(env);
    println!("xtask: ==> {}", process::describe(&command));
    process::run(&mut command)?;
    // The embed first: the worker precaches its files with the shell.
    embed::build(env)?;
    pwa::write(&env.dist())
}

/// Builds the importer and runs the development set's scorer on it; the set
/// (other people's pages) stays outside the repository, in `../shared`.
fn import_score(env: &Env) -> Result<(), String> {
    let set = env.root().join("../shared/import-dev-set");
    let scorer = set.join("score.py");
    if !scorer.is_file() {
        return Err(format!(
            "{} is not there: the import development set is kept beside the repository, not in it",
            set.display()
        ));
    }
    let mut build = env.command("cargo");
    build.args(["build", "-p", "article-widget-cli"]);
    println!("xtask: ==> {}", process::describe(&build));
    process::run(&mut build)?;
    let mut score = env.command("python3");
    score
        .arg(&scorer)
        .arg(env.root().join("target/debug/article-widget"));
    println!("xtask: ==> {}", process::describe(&score));
    process::run(&mut score)
}

/// Serves `dist/` until the process is interrupted.
fn serve(env: &Env, port: u16) -> Result<(), String> {
    let dist = env.dist();
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html; run `cargo xtask build` (or drop --no-build)",
            dist.display()
        ));
    }
    let server = devserver::Server::builder()
        .root(&dist)
        .spa_fallback(true)
        .compress(true)
        .port(port)
        .start()
        .map_err(|e| format!("cannot serve {} on 127.0.0.1:{port}: {e}", dist.display()))?;
    println!("Serving the article reader at {}", server.url());
    println!(
        "Demo article (the seed page) at {}?article=quan-uy-le-chan-tong-ket-nghi-quyet-8",
        server.url()
    );
    let demo = format!("embed/{}/partner.html", embed::EMBED_VERSION);
    println!("Embed demo (a partner page) at {}{demo}", server.url());
    println!("(Ctrl-C to stop)");
    // The server runs on its own threads; Ctrl-C ends the process, and with it them.
    loop {
        std::thread::park();
    }
}
