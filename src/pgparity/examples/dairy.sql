-- A small dairy delivery business: the example schema `make demo` snapshots.
CREATE TYPE public.order_status AS ENUM ('pending', 'out_for_delivery', 'delivered', 'cancelled');
CREATE DOMAIN public.money_eur AS numeric(10,2) CONSTRAINT money_eur_non_negative CHECK (VALUE >= 0);

CREATE TABLE public.customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    phone text,
    address text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_phone_unique UNIQUE (phone)
);
COMMENT ON TABLE public.customers IS 'People we deliver to';

CREATE TABLE public.products (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    unit_price public.money_eur NOT NULL,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE public.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id) ON DELETE RESTRICT,
    delivery_date date NOT NULL,
    status public.order_status NOT NULL DEFAULT 'pending',
    total public.money_eur NOT NULL DEFAULT 0
);
CREATE INDEX orders_delivery_idx ON public.orders (delivery_date) WHERE status <> 'cancelled';

CREATE TABLE public.order_items (
    order_id bigint NOT NULL REFERENCES public.orders (id) ON DELETE CASCADE,
    product_id integer NOT NULL REFERENCES public.products (id),
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE public.payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES public.orders (id),
    amount public.money_eur NOT NULL,
    paid_at timestamptz NOT NULL DEFAULT now(),
    provider_ref text
);
ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY payments_staff ON public.payments FOR ALL TO PUBLIC USING (current_user = 'postgres');

CREATE FUNCTION public.order_total(p_order bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(i.quantity * p.unit_price), 0)
          FROM public.order_items i JOIN public.products p ON p.id = i.product_id
          WHERE i.order_id = p_order $$;

CREATE FUNCTION public.refresh_order_total() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ''
    AS $$
BEGIN
    UPDATE public.orders SET total = public.order_total(NEW.order_id) WHERE id = NEW.order_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER order_items_total AFTER INSERT OR UPDATE ON public.order_items
    FOR EACH ROW EXECUTE FUNCTION public.refresh_order_total();

CREATE VIEW public.todays_deliveries AS
    SELECT o.id, c.name, c.address, o.status
    FROM public.orders o JOIN public.customers c ON c.id = o.customer_id
    WHERE o.delivery_date = current_date;
