//! Shared helpers for integration tests (`mod support;`): small writers that build input fixtures.
pub mod ods;
pub mod fixtures;
pub mod xlsb;
pub mod stress;
