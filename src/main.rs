fn main() {
    std::process::exit(azlint::cli::main());
}
