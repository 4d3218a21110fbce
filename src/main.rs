// As in lib.rs: no byte-index slicing of text (issue 13).
#![deny(clippy::string_slice)]

fn main() {
    std::process::exit(azlint::run_cli());
}
