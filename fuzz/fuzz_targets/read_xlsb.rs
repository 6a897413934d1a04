//! Fuzzes the xlsb reader through the CLI's entry point.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_as("xlsb", data));
