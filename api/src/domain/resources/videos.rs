//! The how-to library: videos with the caller's progress (it never goes back; 90% completes
//! one) and everyone's ratings.

use std::collections::HashMap;

use closebook_shared::resources::{
    CreateVideoGuideRequest, VideoGuide, VideoProgressRequest, completes,
};
use rust_decimal::{Decimal, RoundingStrategy};
use uuid::Uuid;

use super::back_office;
use crate::audit;
use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::columns::{stored_count, uuid_of};
use crate::db::resources::{self as rows, ProgressRow, VideoRow};
use crate::error::ApiError;
use crate::time;

fn to_dto(
    v: VideoRow,
    mine: Option<&ProgressRow>,
    rated: Option<&(i64, i64)>,
) -> Result<VideoGuide, ApiError> {
    let average = rated.filter(|(_, n)| *n > 0).map(|(sum, n)| {
        (Decimal::from(*sum) / Decimal::from(*n))
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    });
    Ok(VideoGuide {
        id: uuid_of(&v.id),
        title: v.title,
        description: v.description,
        category: v.category,
        duration_seconds: stored_count(v.duration_seconds, "video duration")?,
        url: v.url,
        watched_seconds: mine.map_or(Ok(0), |p| {
            stored_count(p.watched_seconds, "seconds watched")
        })?,
        completed: mine.is_some_and(|p| p.completed),
        my_rating: mine
            .and_then(|p| p.rating)
            .map(|r| stored_count(r, "video rating"))
            .transpose()?,
        average_rating: average,
        ratings: rated.map_or(Ok(0), |(_, n)| stored_count(*n, "video ratings"))?,
    })
}

fn user_of(caller: &PartnerCaller) -> Result<String, ApiError> {
    caller
        .principal
        .user_id()
        .map(|u| u.to_string())
        .ok_or_else(|| ApiError::forbidden("only a signed-in person watches videos"))
}

/// Everyone's ratings by video: (sum, count).
fn ratings(conn: &mut DbConn) -> Result<HashMap<String, (i64, i64)>, ApiError> {
    Ok(rows::ratings(conn)?
        .into_iter()
        .map(|(v, sum, n)| (v, (sum, n)))
        .collect())
}

/// The caller's progress by video (none for a service token).
fn progress(
    conn: &mut DbConn,
    caller: &PartnerCaller,
) -> Result<HashMap<String, ProgressRow>, ApiError> {
    Ok(match caller.principal.user_id() {
        Some(u) => rows::progress_of(conn, &u.to_string())?
            .into_iter()
            .map(|p| (p.video_id.clone(), p))
            .collect(),
        None => HashMap::new(),
    })
}

pub fn list_videos(conn: &mut DbConn, caller: &PartnerCaller) -> Result<Vec<VideoGuide>, ApiError> {
    let mine = progress(conn, caller)?;
    let rated = ratings(conn)?;
    rows::videos(conn)?
        .into_iter()
        .map(|v| {
            let (p, r) = (mine.get(&v.id), rated.get(&v.id));
            to_dto(v, p, r)
        })
        .collect()
}

pub fn create_video(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: CreateVideoGuideRequest,
) -> Result<VideoGuide, ApiError> {
    back_office(caller, "videos")?;
    let row = VideoRow {
        id: Uuid::now_v7().to_string(),
        title: req.title.trim().to_owned(),
        description: req.description.map(|d| d.trim().to_owned()),
        category: req.category,
        duration_seconds: i32::try_from(req.duration_seconds).unwrap_or(i32::MAX),
        url: req.url,
        created_at: time::now(),
    };
    rows::insert_video(conn, &row)?;
    let dto = to_dto(row.clone(), None, None)?;
    audit::record_after(
        conn,
        &caller.actor,
        "video_guide.create",
        "video_guide",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

/// The caller's progress: the furthest point watched (a replay from the start does not undo
/// it), completed from 90%, and its rating when it gives one.
pub fn record_progress(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: VideoProgressRequest,
) -> Result<VideoGuide, ApiError> {
    let video = rows::find_video(conn, &id.to_string())?
        .ok_or_else(|| ApiError::not_found("video guide"))?;
    let user = user_of(caller)?;
    let duration = stored_count::<u32, _>(video.duration_seconds, "video duration")?;
    if req.watched_seconds > duration {
        return Err(ApiError::field(
            "watched_seconds",
            format!("must be at most the video's length, {duration} seconds"),
        ));
    }
    let before = rows::progress_of(conn, &user)?
        .into_iter()
        .find(|p| p.video_id == video.id);
    let furthest = before
        .as_ref()
        .map_or(0, |p| p.watched_seconds)
        .max(i32::try_from(req.watched_seconds).unwrap_or(i32::MAX));
    let watched = stored_count::<u32, _>(furthest, "seconds watched")?;
    let row = ProgressRow {
        user_id: user,
        video_id: video.id.clone(),
        watched_seconds: furthest,
        completed: completes(watched, duration),
        rating: req
            .rating
            .map(i32::from)
            .or_else(|| before.as_ref().and_then(|p| p.rating)),
        updated_at: time::now(),
    };
    rows::save_progress(conn, &row)?;
    let rated = ratings(conn)?;
    let r = rated.get(&video.id);
    to_dto(video, Some(&row), r)
}

pub fn get_video(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<VideoGuide, ApiError> {
    list_videos(conn, caller)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ApiError::not_found("video guide"))
}
