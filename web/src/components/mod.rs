//! Reusable pieces of the design system (seed 004): layout shell, form fields with inline API
//! errors, modal, toasts, empty and loading states, pager, money and date formatting.

pub mod format;
pub mod layout;
pub mod month;
pub mod ui;
