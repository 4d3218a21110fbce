fn main() {
    std::process::exit(azlint::run_cli());
}
