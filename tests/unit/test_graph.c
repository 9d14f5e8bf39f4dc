/* The --graph notation: each form it takes, and each error, with its column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/audit.h"
#include "ipcscope/graph.h"
#include "ipcscope/role.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "suites.h"

static struct graph	g;
static char		err[512];

static void
parse_ok(const char *spec)
{
	err[0] = '\0';
	ck_assert_msg(graph_parse(spec, transport_find("sysv-shm"), &g, err,
	    sizeof(err)) == 0, "%s: %s", spec, err);
}

static void
parse_err(const char *spec, const char *want)
{
	err[0] = '\0';
	ck_assert_msg(graph_parse(spec, transport_find("sysv-shm"), &g, err,
	    sizeof(err)) == -1, "%s parsed", spec);
	ck_assert_str_eq(err, want);
}

/* The stage called name, checked to be there. */
static const struct graph_stage *
stage(const char *name)
{
	int	i;

	for (i = 0; i < g.nstages; i++)
		if (strcmp(g.stages[i].name, name) == 0)
			return (&g.stages[i]);
	ck_abort_msg("no stage %s", name);
	return (NULL);
}

START_TEST(pipeline)
{
	parse_ok("P -> F -> C");
	ck_assert_int_eq(g.nstages, 3);
	ck_assert_int_eq(g.nedges, 2);
	ck_assert_int_eq(g.nprocs, 3);
	ck_assert_int_eq(stage("P")->in, -1);
	ck_assert_int_eq(stage("P")->out, 0);
	ck_assert_int_eq(stage("F")->in, 0);
	ck_assert_int_eq(stage("F")->out, 1);
	ck_assert_int_eq(stage("C")->in, 1);
	ck_assert_int_eq(stage("C")->out, -1);
	ck_assert_str_eq(g.edges[0].t->name, "sysv-shm");
	ck_assert(!g.edges[0].broadcast);
	ck_assert_int_eq(g.edges[1].col, 8);
	ck_assert_int_eq(stage("C")->col, 11);
	/* No spaces needed. */
	parse_ok("P->F->C");
	ck_assert_int_eq(g.nedges, 2);
}
END_TEST

START_TEST(stage_of_many)
{
	parse_ok("P -> F*3 -> C");
	ck_assert_int_eq(stage("F")->count, 3);
	ck_assert_int_eq(g.nprocs, 5);
}
END_TEST

/* The labels the screen, the JSON and a scenario use: F alone, F1 of F*2. */
START_TEST(labels)
{
	char	l[8];

	parse_ok("Src -> F*3 -> C");
	graph_label(&g, 0, 1, l, sizeof(l));
	ck_assert_str_eq(l, "Src");
	graph_label(&g, 1, 3, l, sizeof(l));
	ck_assert_str_eq(l, "F3");
	graph_label(&g, 2, 1, l, sizeof(l));
	ck_assert_str_eq(l, "C");
}
END_TEST

START_TEST(fan_out_and_in)
{
	int	idx[GRAPH_STAGES_MAX];

	parse_ok("P -> {C1, C2}");
	ck_assert_int_eq(g.nedges, 1);
	ck_assert_int_eq(graph_readers(&g, 0, idx), 2);
	ck_assert_int_eq(graph_writers(&g, 0, idx), 1);
	parse_ok("{P1, P2} -> C");
	ck_assert_int_eq(g.nedges, 1);
	ck_assert_int_eq(graph_writers(&g, 0, idx), 2);
	ck_assert_int_eq(stage("P2")->in, -1);
	parse_ok("{P1,P2} -> F*2 -> {C1,C2,C3}");
	ck_assert_int_eq(g.nprocs, 7);
}
END_TEST

START_TEST(broadcast)
{
	parse_ok("P -sysv-msg-> broadcast {C1, C2}");
	ck_assert(g.edges[0].broadcast);
	ck_assert_str_eq(g.edges[0].t->name, "sysv-msg");
	parse_ok("P -sysv-msg-> broadcast C*2");
	ck_assert(g.edges[0].broadcast);
}
END_TEST

START_TEST(transport_per_edge)
{
	parse_ok("P -pipe-> F -sysv-msg-> C");
	ck_assert_str_eq(g.edges[0].t->name, "pipe");
	ck_assert_str_eq(g.edges[1].t->name, "sysv-msg");
	parse_ok("P -posix-mq-> F -> C");
	ck_assert_str_eq(g.edges[0].t->name, "posix-mq");
	ck_assert_str_eq(g.edges[1].t->name, "sysv-shm");
}
END_TEST

START_TEST(chains_joined)
{
	parse_ok("P -> F; F -> C");
	ck_assert_int_eq(g.nstages, 3);
	ck_assert_int_eq(stage("F")->in, 0);
	ck_assert_int_eq(stage("F")->out, 1);
	ck_assert_int_eq(stage("C")->in, 1);
}
END_TEST

START_TEST(syntax_errors)
{
	parse_err("P -> F ->", "--graph 'P -> F ->': expected a stage after "
	    "'->' at column 10");
	parse_err("P", "--graph 'P': expected '->' after a stage, found the "
	    "end at column 2");
	parse_err("", "--graph '': expected a stage at the start at column 1");
	parse_err("P -> {C1 C2}", "--graph 'P -> {C1 C2}': expected ',' or "
	    "'}' in a group, found 'C2}' at column 10");
	parse_err("P -> F*0 -> C", "--graph 'P -> F*0 -> C': expected a count "
	    "of processes from 1 to 16 after '*' at column 8");
	parse_err("P -> Filter -> C", "--graph 'P -> Filter -> C': a stage's "
	    "name has at most 4 characters, 'Filter' has 6 at column 6");
	parse_err("P -> C C", "--graph 'P -> C C': expected '->' or ';', "
	    "found 'C' at column 8");
	parse_err("P -> {C, C}", "--graph 'P -> {C, C}': 'C' twice in one "
	    "group at column 10");
}
END_TEST

START_TEST(unknown_transport)
{
	parse_err("P -pipo-> C", "--graph 'P -pipo-> C': no transport 'pipo' "
	    "(see --list-transports) at column 4");
}
END_TEST

START_TEST(cycle)
{
	parse_err("P -> F -> P", "--graph 'P -> F -> P': a cycle: 'P' feeds "
	    "'F' already at column 11");
	parse_err("P -> F -> G; G -> F", "--graph 'P -> F -> G; G -> F': a "
	    "cycle: 'F' feeds 'G' already at column 19");
}
END_TEST

START_TEST(no_input)
{
	parse_err("P -> C; G -> H", "--graph 'P -> C; G -> H': 'G' has no "
	    "input: only the first group (P) makes items at column 9");
}
END_TEST

START_TEST(one_buffer_each_way)
{
	parse_err("P -> C; P -> D", "--graph 'P -> C; P -> D': 'P' writes a "
	    "second buffer (a stage has one output) at column 9");
	parse_err("P -> C; Q -> C", "--graph 'P -> C; Q -> C': 'C' reads a "
	    "second buffer (a stage has one input) at column 14");
}
END_TEST

START_TEST(board_too_small)
{
	parse_err("P*8 -> F*8 -> C", "--graph 'P*8 -> F*8 -> C': 17 processes "
	    "by 'C', the board holds 16 at column 15");
	parse_ok("P*8 -> F*7 -> C");
	parse_err("P*2 -> F; F*3 -> C", "--graph 'P*2 -> F; F*3 -> C': 'F' "
	    "was given 1 processes before at column 11");
}
END_TEST

START_TEST(broadcast_impossible)
{
	parse_err("P -> broadcast {C1, C2}", "--graph 'P -> broadcast "
	    "{C1, C2}': broadcast needs a transport that addresses each "
	    "reader (sysv-msg); sysv-shm cannot at column 6");
	parse_err("P -pipe-> broadcast {C1, C2}", "--graph 'P -pipe-> "
	    "broadcast {C1, C2}': broadcast needs a transport that addresses "
	    "each reader (sysv-msg); pipe cannot at column 11");
	parse_err("P -sysv-msg-> broadcast C", "--graph 'P -sysv-msg-> "
	    "broadcast C': broadcast needs more than one reader at column 3");
}
END_TEST

START_TEST(too_many_buffers)
{
	parse_ok("P -> A -> B -> D -> C");
	parse_err("P -> A -> B -> D -> E -> C", "--graph 'P -> A -> B -> D -> "
	    "E -> C': more than 4 buffers at column 23");
}
END_TEST

/* The sinks' log, audited against "P -> {F, G} -> H -> C". */
START_TEST(audit_marks)
{
	struct consumed		log[4];
	struct snap_audit	a;
	int			F, G, H, C;

	parse_ok("P -> {F, G} -> H -> C");
	F = (int)(stage("F") - g.stages) + 1;
	G = (int)(stage("G") - g.stages) + 1;
	H = (int)(stage("H") - g.stages) + 1;
	C = (int)(stage("C") - g.stages);
	memset(log, 0, sizeof(log));
	log[0] = (struct consumed){ 1, 1, 9, (uint32_t)(F | H << 8), (int16_t)C };
	log[1] = (struct consumed){ 2, 1, 9, (uint32_t)(G | H << 8), (int16_t)C };
	audit_graph(log, 2, 2, &g, &a);
	ck_assert_uint_eq(a.taken, 2);
	ck_assert_uint_eq(a.misrouted, 0);
	ck_assert_uint_eq(a.duplicates, 0);
	/* H's mark missing; F and G both; H before F; taken twice. */
	log[0].marks = (uint32_t)F;
	log[1].marks = (uint32_t)(F | G << 8 | H << 16);
	log[2] = (struct consumed){ 3, 1, 9, (uint32_t)(H | F << 8), (int16_t)C };
	log[3] = (struct consumed){ 3, 1, 9, (uint32_t)(F | H << 8), (int16_t)C };
	audit_graph(log, 4, 3, &g, &a);
	ck_assert_uint_eq(a.misrouted, 3);
	ck_assert_uint_eq(a.duplicates, 1);
}
END_TEST

/* A graph's frame through the JSON and back: what the graph adds lands
 * where it belongs. */
START_TEST(json_round_trip)
{
	static struct snapshot	s, back;
	struct snap_buffer	*b;
	struct snap_worker	*w;
	char			*p = NULL;
	size_t			 n = 0;
	FILE			*f;

	snapshot_clear(&s);
	strlcpy(s.transport, "sysv-shm", sizeof(s.transport));
	strlcpy(s.graph, "P -pipe-> F -> C", sizeof(s.graph));
	s.audit.misrouted = 7;
	b = snapshot_add_buffer(&s, "B1");
	strlcpy(b->transport, "pipe", sizeof(b->transport));
	b->capacity = 2;
	b->count = 1;
	b->nslots = 1;
	b->slots[0] = (struct snap_slot){ .full = true, .seq = 3,
	    .producer = 1 };
	b = snapshot_add_buffer(&s, "B2");
	strlcpy(b->transport, "sysv-shm", sizeof(b->transport));
	b->capacity = 2;
	b->count = 1;
	b->nslots = 1;
	b->slots[0] = (struct snap_slot){ .full = true, .seq = 2,
	    .producer = 1 };
	strlcpy(b->slots[0].via, "F", sizeof(b->slots[0].via));
	s.nworkers = 1;
	w = &s.workers[0];
	w->role = ROLE_FILTER;
	w->id = 1;
	w->pid = 42;
	w->alive = true;
	w->state = 'S';
	strlcpy(w->label, "F", sizeof(w->label));
	strlcpy(w->stage, "F", sizeof(w->stage));
	w->from = 0;
	w->to = 1;
	w->on = 1;
	w->blocked = true;
	w->carrying = true;
	w->item_seq = 4;
	strlcpy(w->via, "F", sizeof(w->via));
	f = open_memstream(&p, &n);
	ck_assert_ptr_nonnull(f);
	snapshot_json_write(f, &s);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_msg(snapshot_json_read(p, strlen(p), &back, err,
	    sizeof(err)) == 0, "%s: %s", err, p);
	free(p);
	ck_assert_str_eq(back.graph, "P -pipe-> F -> C");
	ck_assert_uint_eq(back.audit.misrouted, 7);
	ck_assert_int_eq(back.nbuffers, 2);
	ck_assert_str_eq(back.buffers[0].transport, "pipe");
	ck_assert_str_eq(back.buffers[0].slots[0].via, "");
	ck_assert_str_eq(back.buffers[1].slots[0].via, "F");
	ck_assert_int_eq(back.workers[0].role, ROLE_FILTER);
	ck_assert_str_eq(back.workers[0].label, "F");
	ck_assert_str_eq(back.workers[0].stage, "F");
	ck_assert_int_eq(back.workers[0].from, 0);
	ck_assert_int_eq(back.workers[0].to, 1);
	ck_assert_int_eq(back.workers[0].on, 1);
	ck_assert_str_eq(back.workers[0].via, "F");
}
END_TEST

/* Broadcast: each way to each sink process once. */
START_TEST(audit_broadcast)
{
	struct consumed		log[4];
	struct snap_audit	a;
	int			F, G, C;

	parse_ok("P -sysv-msg-> broadcast {F, G} -> C");
	F = (int)(stage("F") - g.stages) + 1;
	G = (int)(stage("G") - g.stages) + 1;
	C = (int)(stage("C") - g.stages);
	log[0] = (struct consumed){ 1, 1, 4, (uint32_t)F, (int16_t)C };
	log[1] = (struct consumed){ 1, 1, 4, (uint32_t)G, (int16_t)C };
	audit_graph(log, 2, 1, &g, &a);
	ck_assert_uint_eq(a.duplicates, 0);
	ck_assert_uint_eq(a.misrouted, 0);
	log[2] = (struct consumed){ 1, 1, 4, (uint32_t)G, (int16_t)C };
	audit_graph(log, 3, 1, &g, &a);
	ck_assert_uint_eq(a.duplicates, 1);
}
END_TEST

Suite *
suite_graph(void)
{
	Suite	*s = suite_create("graph");
	TCase	*tc = tcase_create("spec");

	tcase_add_test(tc, pipeline);
	tcase_add_test(tc, stage_of_many);
	tcase_add_test(tc, labels);
	tcase_add_test(tc, fan_out_and_in);
	tcase_add_test(tc, broadcast);
	tcase_add_test(tc, transport_per_edge);
	tcase_add_test(tc, chains_joined);
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, unknown_transport);
	tcase_add_test(tc, cycle);
	tcase_add_test(tc, no_input);
	tcase_add_test(tc, one_buffer_each_way);
	tcase_add_test(tc, board_too_small);
	tcase_add_test(tc, broadcast_impossible);
	tcase_add_test(tc, too_many_buffers);
	tcase_add_test(tc, audit_marks);
	tcase_add_test(tc, json_round_trip);
	tcase_add_test(tc, audit_broadcast);
	suite_add_tcase(s, tc);
	return (s);
}
