-- "staging": where the team's migrations have all been applied.
CREATE TABLE public.enhanced_lerg (
    npa char(3) NOT NULL,
    nxx char(3) NOT NULL,
    state text NOT NULL,
    carrier text,
    rate_center text,
    CONSTRAINT enhanced_lerg_pkey PRIMARY KEY (npa, nxx),
    CONSTRAINT enhanced_lerg_npa_digits CHECK (npa ~ '^[2-9][0-9]{2}$'),
    CONSTRAINT enhanced_lerg_nxx_digits CHECK (nxx ~ '^[2-9][0-9]{2}$')
);
CREATE INDEX enhanced_lerg_state_idx ON public.enhanced_lerg (state);
CREATE INDEX enhanced_lerg_carrier_idx ON public.enhanced_lerg (carrier) WHERE carrier IS NOT NULL;

CREATE TABLE public.profiles (
    id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    email text,
    full_name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    billing_email text,
    stripe_customer_id text,
    plan text NOT NULL DEFAULT 'free',
    CONSTRAINT profiles_plan_check CHECK (plan IN ('free', 'pro', 'enterprise')),
    CONSTRAINT profiles_stripe_customer_id_key UNIQUE (stripe_customer_id)
);
COMMENT ON COLUMN public.profiles.billing_email IS 'where invoices go';
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view own profile" ON public.profiles FOR SELECT TO authenticated USING (auth.uid() = id);
CREATE POLICY "Users can update own profile" ON public.profiles FOR UPDATE TO authenticated
    USING (auth.uid() = id) WITH CHECK (auth.uid() = id);

CREATE TABLE public.active_sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    user_agent text
);
CREATE INDEX active_sessions_user_idx ON public.active_sessions (user_id);
ALTER TABLE public.active_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY active_sessions_own ON public.active_sessions FOR SELECT TO authenticated USING (auth.uid() = user_id);

-- SECURITY DEFINER functions with a fixed, empty search_path.
CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    INSERT INTO public.profiles (id, email) VALUES (NEW.id, NEW.email) ON CONFLICT (id) DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

CREATE FUNCTION public.sync_profile_email() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    UPDATE public.profiles SET email = NEW.email WHERE id = NEW.id;
    RETURN NEW;
END $$;
CREATE TRIGGER on_auth_user_email_changed AFTER UPDATE OF email ON auth.users
    FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION public.sync_profile_email();
