//! The model and every rule of the method. Pure: no terminal, no SQL, no
//! clock — `today` is always a parameter.

pub mod command;
pub mod commits;
pub mod dates;
pub mod deps;
pub mod feature_field;
pub mod fields;
pub mod fresh;
pub mod header;
pub mod index;
pub mod machine;
pub mod merge;
pub mod model;
pub mod outcome;
pub mod public;
pub mod requests;
pub mod review;
mod roadmap;
pub mod schedule;
pub mod sync;
pub mod text;
pub mod update;
pub mod validate;

pub use fields::{
    FeatureFields, FoundationFields, NewFeature, PhaseFields, RiskFields, RoadmapEdit,
};
pub use index::{Progress, RoadmapIndex};
pub use machine::{FeatureStatus, Refusal, Transition, TransitionArgs};
pub use model::*;
pub use schedule::check_velocity_days;
