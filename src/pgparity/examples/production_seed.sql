-- Rows in "production": 440 area codes and 154 users with profiles.
INSERT INTO public.lerg_codes (npa, state, carrier)
SELECT lpad((200 + g)::text, 3, '0'), 'ST' || (g % 50), 'carrier ' || (g % 7) FROM generate_series(1, 440) AS g;
INSERT INTO auth.users (id, email, raw_user_meta_data)
SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'customer' || g || '@example.com', '{}'::jsonb
FROM generate_series(1, 154) AS g;
