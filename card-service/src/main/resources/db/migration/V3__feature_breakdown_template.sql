-- The built-in "Feature Breakdown" template: what support needs to know about a new feature, in one card.
INSERT INTO template (id, version, name, description, title, body, tags, built_in, created_at, created_by, updated_at, updated_by)
VALUES ('00000000-0000-0000-0000-00000000f001', 1, 'Feature Breakdown',
        'Everything support needs to answer questions about a new or changed feature.',
        'Feature Breakdown: <feature name>',
        E'## Overview\n\nWhat the feature does and the problem it solves, in two or three sentences.\n\n'
        || E'## Release date\n\n- General availability: YYYY-MM-DD\n- Beta / early access: YYYY-MM-DD (if any)\n\n'
        || E'## Availability and plans\n\n| Plan | Included | Limits |\n|---|---|---|\n| Free | No | |\n| Pro | Yes | |\n| Enterprise | Yes | |\n\n'
        || E'## Customer-facing wording\n\n> The exact words agents may send to customers. Keep it short and free of internal names.\n\n'
        || E'## FAQs\n\n**Q:** A question customers will ask?\n\n**A:** The answer.\n\n'
        || E'## Internal notes\n\nKnown issues, workarounds, escalation path. Never share these with customers.\n\n'
        || E'## Owners\n\n- Product: @owner\n- Engineering: @owner\n- Support lead: @owner\n',
        '{feature-breakdown}', true, now(), 'verity', now(), 'verity');
