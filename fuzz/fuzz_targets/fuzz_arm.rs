//! `azlint::__internal::fuzz_api::arm` on a 2 MiB worker stack (see `azlint_fuzz::run`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    azlint_fuzz::run(azlint::__internal::fuzz_api::arm, data);
});
