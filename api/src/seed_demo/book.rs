//! The demo's cast and script: the businesses, places and notes its leads are made of, and the
//! book every rep works (which stage each lead is in, how old its story is).

use closebook_shared::pipelines::{
    ASSISTED_SALES_PIPELINE, B2B_WHOLESALE_PIPELINE as WHOLESALE_PIPELINE,
};

pub(super) const BUSINESSES: [(&str, &str, &str); 26] = [
    ("Harbor Street Market", "Elena Ruiz", "Owner"),
    ("Greenleaf Grocers", "Sam Whitaker", "Purchasing Lead"),
    ("Northside Co-op", "Rosa Delgado", "General Manager"),
    ("Blue Door Deli", "Kevin O'Shea", "Owner"),
    ("Maple & Rye Bakery", "Ingrid Holm", "Head Baker"),
    ("Prairie Provisions", "Tariq Aziz", "Buyer"),
    ("Copper Kettle Kitchen", "Lena Park", "Chef-Owner"),
    ("Riverbend Organics", "Paul Mbeki", "Category Manager"),
    ("Summit Fresh Foods", "Grace Liu", "Operations Director"),
    ("Lakeside Larder", "Martin Kerr", "Store Manager"),
    ("Union Square Pantry", "Olivia Brandt", "Owner"),
    ("Highline Wholesale", "Victor Hale", "VP Purchasing"),
    ("Cedar Hill Traders", "Nadia Farouk", "Buyer"),
    ("Golden Wheat Supply", "Ben Adler", "Procurement Lead"),
    ("Old Town Mercantile", "Carmen Vidal", "Owner"),
    ("Eastgate Food Hall", "Jonas Weber", "Leasing & Vendors"),
    ("Sunrise Natural Market", "Amy Chen", "Grocery Manager"),
    ("Bridgeport Butchery", "Luca Romano", "Owner"),
    ("Willow Creek Farm Shop", "Hattie Moss", "Manager"),
    (
        "Metro Campus Dining",
        "Derek Stone",
        "Dining Services Director",
    ),
    ("Canyon Coffee Roasters", "Mei Tanaka", "Founder"),
    ("Pioneer Health Foods", "Ray Dubois", "Buyer"),
    ("Redwood Catering Co.", "Fatima Noor", "Executive Chef"),
    ("Silver Lake Bistro", "Anton Petrov", "Owner"),
    (
        "Front Range Distributors",
        "Kim Alvarez",
        "Purchasing Director",
    ),
    ("Great Lakes Food Service", "Tom Grady", "Category Buyer"),
];

pub(super) const CITIES: [(&str, &str, &str); 6] = [
    ("Chicago", "IL", "60607"),
    ("Evanston", "IL", "60201"),
    ("Milwaukee", "WI", "53202"),
    ("Denver", "CO", "80202"),
    ("Boulder", "CO", "80302"),
    ("Fort Collins", "CO", "80524"),
];

pub(super) const NOTES: [&str; 6] = [
    "Prefers calls before 10am; busy with deliveries after.",
    "Asked for samples of the seasonal range; bring them to the visit.",
    "Price sensitive on case packs, flexible on delivery days.",
    "Their current supplier missed two deliveries last month.",
    "Decision goes through the owner's partner as well; include her next time.",
    "Mentioned opening a second location in spring.",
];

/// What one demo lead is: its stage (or outcome) and how far along its story is.
pub(super) struct Plan {
    pub(super) pipeline: &'static str,
    pub(super) stage_key: &'static str,
    pub(super) weeks_ago: i64,
}

/// Every rep's book: one lead per open "Assisted sales" stage, two won, one lost, and two in
/// the B2B wholesale pipeline. Older leads are further along.
pub(super) const BOOK: [Plan; 13] = [
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "NEW",
        weeks_ago: 0,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "CONTACTED",
        weeks_ago: 1,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "REQUIREMENTS_CAPTURED",
        weeks_ago: 2,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "SHORTLIST_SENT",
        weeks_ago: 3,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "VISIT_SCHEDULED",
        weeks_ago: 3,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "VISIT_COMPLETED",
        weeks_ago: 4,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "NEGOTIATION",
        weeks_ago: 5,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "AGREEMENT_PENDING",
        weeks_ago: 6,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "CLOSED_WON",
        weeks_ago: 8,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "CLOSED_WON",
        weeks_ago: 5,
    },
    Plan {
        pipeline: ASSISTED_SALES_PIPELINE,
        stage_key: "CLOSED_LOST",
        weeks_ago: 6,
    },
    Plan {
        pipeline: WHOLESALE_PIPELINE,
        stage_key: "contacted",
        weeks_ago: 2,
    },
    Plan {
        pipeline: WHOLESALE_PIPELINE,
        stage_key: "qualified",
        weeks_ago: 4,
    },
];

pub(super) fn subject(kind: &str, company: &str) -> String {
    match kind {
        "call" => format!("Call with {company}"),
        "email" => format!("Product sheet to {company}"),
        "meeting" => format!("Meeting at {company}"),
        "demo" => format!("Tasting for {company}"),
        "proposal" => format!("Proposal sent to {company}"),
        "door_knock" => format!("Walk-in at {company}"),
        _ => company.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_open_assisted_stage_is_in_the_book() {
        let keys: Vec<&str> = BOOK.iter().map(|p| p.stage_key).collect();
        for key in [
            "NEW",
            "CONTACTED",
            "REQUIREMENTS_CAPTURED",
            "SHORTLIST_SENT",
            "VISIT_SCHEDULED",
            "VISIT_COMPLETED",
            "NEGOTIATION",
            "AGREEMENT_PENDING",
            "CLOSED_WON",
            "CLOSED_LOST",
        ] {
            assert!(keys.contains(&key), "{key}");
        }
    }
}
