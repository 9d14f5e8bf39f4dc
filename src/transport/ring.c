/* The slots of the shared-memory bounded buffer. */
#include <stdbool.h>
#include <string.h>

#include "ring.h"

struct ring_slot {
	uint32_t	full;		/* so the viewer can tell, not the workers */
	uint32_t	pad;
	unsigned char	data[];		/* item_size bytes */
};

static size_t
ring_stride(const struct config *cfg)
{
	return ((sizeof(struct ring_slot) + cfg->item_size + 7) & ~(size_t)7);
}

static struct ring_slot *
slot_at(const struct ring *r, const struct config *cfg, int i)
{
	return ((struct ring_slot *)((uintptr_t)r + sizeof(*r) +
	    (size_t)i * ring_stride(cfg)));
}

size_t
ring_size(const struct config *cfg)
{
	return (sizeof(struct ring) + (size_t)cfg->slots * ring_stride(cfg));
}

int
ring_put(struct ring *r, const struct config *cfg, const struct item *it)
{
	struct ring_slot	*s;
	int			 i = (int)r->in;

	s = slot_at(r, cfg, i);
	item_encode(it, s->data, cfg->item_size);
	s->full = 1;
	r->in = (r->in + 1) % (uint32_t)cfg->slots;
	return (i);
}

int
ring_take(struct ring *r, const struct config *cfg, struct item *it)
{
	struct ring_slot	*s;
	int			 i = (int)r->out;

	s = slot_at(r, cfg, i);
	item_decode(s->data, cfg->item_size, it);
	memset(s->data, 0, cfg->item_size);
	s->full = 0;
	r->out = (r->out + 1) % (uint32_t)cfg->slots;
	return (i);
}

int
ring_load_in(const struct ring *r)
{
	return ((int)*(const volatile uint32_t *)&r->in);
}

int
ring_load_out(const struct ring *r)
{
	return ((int)*(const volatile uint32_t *)&r->out);
}

uint32_t
ring_write_at(struct ring *r, const struct config *cfg, int i,
    const struct item *it)
{
	struct ring_slot	*s = slot_at(r, cfg, i);
	struct item		 old;
	uint32_t		 over = 0;

	if (s->full && item_decode(s->data, cfg->item_size, &old) == 0)
		over = old.seq;
	item_encode(it, s->data, cfg->item_size);
	s->full = 1;
	return (over);
}

uint32_t
ring_read_at(struct ring *r, const struct config *cfg, int i,
    struct item *it)
{
	struct ring_slot	*s = slot_at(r, cfg, i);
	bool			 was_empty = s->full == 0;

	if (item_decode(s->data, cfg->item_size, it) == -1)
		memset(it, 0, sizeof(*it));
	s->full = 0;
	return (was_empty ? it->seq : 0);
}

int
ring_store_in(struct ring *r, const struct config *cfg, int i)
{
	r->in = (uint32_t)(i + 1) % (uint32_t)cfg->slots;
	return ((int)r->in);
}

int
ring_store_out(struct ring *r, const struct config *cfg, int i)
{
	r->out = (uint32_t)(i + 1) % (uint32_t)cfg->slots;
	return ((int)r->out);
}

void
ring_sample(const struct ring *r, const struct config *cfg,
    struct snap_buffer *b)
{
	const struct ring_slot	*s;
	struct item		 it;
	int			 i;

	b->capacity = b->nslots = cfg->slots;
	b->has_inout = true;
	b->in = (int)r->in;
	b->out = (int)r->out;
	b->count = 0;
	for (i = 0; i < b->nslots; i++) {
		s = slot_at(r, cfg, i);
		b->slots[i].full = s->full != 0;
		if (!b->slots[i].full)
			continue;
		b->count++;
		if (item_decode(s->data, cfg->item_size, &it) == 0) {
			b->slots[i].seq = it.seq;
			b->slots[i].producer = it.producer;
			b->slots[i].marks = it.marks;
		}
	}
}
