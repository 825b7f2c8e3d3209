//! The demo's script library.

use closebook_shared::leads::SalesStage;
use closebook_shared::scripts::{CreateScriptRequest, ScriptKind};

use crate::audit::Actor;
use crate::db::DbConn;
use crate::domain;
use crate::error::ApiError;

/// The script library a team starts from: one per sales stage of the lens (seed 001).
pub fn scripts(c: &mut DbConn, actor: &Actor) -> Result<usize, ApiError> {
    let library: [(&str, SalesStage, ScriptKind, &str, Option<&str>, &str); 6] = [
        (
            "first_contact_call",
            SalesStage::ApproachContact,
            ScriptKind::Script,
            "First contact call",
            None,
            "Hi {{contact_first_name}}, this is {{rep_name}}. {{company}} came up through a mutual contact, and I'd love ten minutes to hear how you source for the shop. Is now a bad time?",
        ),
        (
            "presentation_recap",
            SalesStage::Presentation,
            ScriptKind::Email,
            "After the presentation",
            Some("Thank you for today, {{contact_first_name}}"),
            "Hi {{contact_first_name}},\n\nThank you for the time today at {{company}}. As promised, the next step: {{next_action}}.\n\n{{rep_signature}}",
        ),
        (
            "first_follow_up_email",
            SalesStage::FollowUp,
            ScriptKind::Email,
            "First follow-up",
            Some("Following up for {{company}}"),
            "Hi {{contact_first_name}},\n\nChecking in on the samples and the price list. Happy to adjust case packs to what moves on your shelves.\n\n{{rep_signature}}",
        ),
        (
            "follow_up_text",
            SalesStage::FollowUp,
            ScriptKind::Message,
            "Friendly nudge (text)",
            None,
            "Hi {{contact_first_name}}, {{rep_name}} here. Any questions on the quote for {{company}}? I can drop by this week.",
        ),
        (
            "referral_ask",
            SalesStage::Referral,
            ScriptKind::Script,
            "Asking for a referral",
            None,
            "{{contact_first_name}}, glad the first deliveries went well. Who else do you know who'd value a supplier that shows up on time? An introduction would mean a lot.",
        ),
        (
            "quarterly_check_in",
            SalesStage::RelationshipMaintenance,
            ScriptKind::Email,
            "Quarterly check-in",
            Some("A quick check-in from {{rep_name}}"),
            "Hi {{contact_first_name}},\n\nIt's been a few months: how is the range doing at {{company}}? The new seasonal line is out; I'd be glad to bring samples.\n\n{{rep_signature}}",
        ),
    ];
    let count = library.len();
    for (slug, sales_stage, kind, title, subject, body) in library {
        domain::scripts::create(
            c,
            actor,
            CreateScriptRequest {
                slug: slug.into(),
                sales_stage,
                kind,
                title: title.into(),
                subject: subject.map(str::to_owned),
                body: body.into(),
            },
        )?;
    }
    Ok(count)
}
