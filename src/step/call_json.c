/*
 * A stepped call's members, written the same way by step --headless and
 * lesson --headless: its decoded arguments, its end (ret, errno by name,
 * rettext) and the source line that made it.
 */
#include "ipcscope/json.h"
#include "ipcscope/step.h"
#include "ipcscope/trace_decode.h"

void
call_json_args(struct json *j, const struct tr_call *c)
{
	int	k;

	json_obj(j, "args");
	for (k = 0; k < c->nargs; k++)
		json_str(j, c->args[k].name, c->args[k].text);
	json_obj_end(j);
}

/* A call still asleep in the kernel has no end yet: nulls. */
void
call_json_result(struct json *j, const struct tr_call *c, bool returned)
{
	if (!returned) {
		json_null(j, "ret");
		json_null(j, "errno");
		return;
	}
	json_int(j, "ret", c->ret);
	if (c->err != 0)
		json_str(j, "errno", trace_errno_name(c->err));
	else
		json_null(j, "errno");
	json_str(j, "rettext", c->rettext);
}

void
call_json_source(struct json *j, const struct tr_source *s)
{
	if (!s->known) {
		json_null(j, "source");
		return;
	}
	json_obj(j, "source");
	if (s->file[0] != '\0') {
		json_str(j, "file", s->file);
		json_int(j, "line", s->line);
		json_str(j, "text", s->text);
	} else {
		json_null(j, "file");
		json_null(j, "line");
		json_null(j, "text");
	}
	if (s->func[0] != '\0')
		json_str(j, "func", s->func);
	else
		json_null(j, "func");
	json_obj_end(j);
}
