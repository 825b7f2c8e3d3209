DROP TABLE partner_integrations;
DROP TABLE video_progress;
DROP TABLE video_guides;
DROP TABLE marketing_assets;
