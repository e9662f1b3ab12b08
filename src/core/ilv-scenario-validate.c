/* ilv-scenario-validate.c: scanned sections to a checked IlvScenario
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-program-parser.h"
#include "ilv-suggest.h"
#include "ilv-scenario-private.h"

#define MAX_COUNT      1000000
#define MAX_CAPACITY   1000000
#define MAX_ELEMENTS   1024
#define MAX_POOL_TASKS 100000
#define MAX_POOL_SIZE  64
#define MAX_START_NS   (600 * ILV_NS_PER_S)

typedef struct
{
  const char  *source;
  IlvScenario *scenario;
  GError     **error;
  GHashTable  *resource_index;  /* name → index + 1 */
} Builder;

static const char * const *const section_keys[ILV_N_SECTION_KINDS] = {
  [ILV_SECTION_SCENARIO] = (const char * const[]) { "Name", "Description", "Topic", "GIL",
                                                    "SwitchInterval", "Timeout", NULL },
  [ILV_SECTION_LOCK] = (const char * const[]) { NULL },
  [ILV_SECTION_SEMAPHORE] = (const char * const[]) { "Value", "Bounded", NULL },
  [ILV_SECTION_VALUE] = (const char * const[]) { "Initial", "Lock", NULL },
  [ILV_SECTION_ARRAY] = (const char * const[]) { "Length", "Initial", "Lock", NULL },
  [ILV_SECTION_QUEUE] = (const char * const[]) { "Capacity", NULL },
  [ILV_SECTION_EVENT] = (const char * const[]) { NULL },
  [ILV_SECTION_BARRIER] = (const char * const[]) { "Parties", NULL },
  [ILV_SECTION_PIPE] = (const char * const[]) { "Capacity", NULL },
  [ILV_SECTION_WORKERS] = (const char * const[]) { "Kind", "Count", "Program", "Daemon",
                                                   "StartAt", "TerminateAt", NULL },
  [ILV_SECTION_POOL] = (const char * const[]) { "Kind", "Workers", "Tasks", "Chunksize",
                                                "Program", NULL },
};

static gboolean
fail_at (Builder          *b,
         gint              code,
         const IlvSection *section,
         const IlvEntry   *entry,
         const char       *message)
{
  ilv_scenario_set_error (b->error, code, b->source, section, entry, 0, "%s", message);
  return FALSE;
}

static gboolean
fail_with (Builder          *b,
           const IlvSection *section,
           const IlvEntry   *entry,
           guint             column,
           GError           *local)
{
  ilv_scenario_set_error (b->error, local->code, b->source, section, entry, column,
                          "%s", local->message);
  g_error_free (local);
  return FALSE;
}

static IlvEntry *
lookup (const IlvSection *section,
        const char       *key)
{
  return g_hash_table_lookup (section->keys, key);
}

/* Localised variants (Name[fr]=) of the free-text keys are allowed and
 * left to translators. */
static gboolean
is_localised_text_key (const IlvSection *section,
                       const char       *key)
{
  return section->kind == ILV_SECTION_SCENARIO && strchr (key, '[') != NULL &&
         g_str_has_suffix (key, "]") &&
         (g_str_has_prefix (key, "Name[") || g_str_has_prefix (key, "Description[") ||
          g_str_has_prefix (key, "Topic["));
}

static gboolean
check_keys (Builder          *b,
            const IlvSection *section)
{
  const char * const *keys = section_keys[section->kind];
  guint n_keys = g_strv_length ((char **) keys);

  for (guint i = 0; i < section->entries->len; i++)
    {
      const IlvEntry *e = g_ptr_array_index (section->entries, i);
      g_autofree char *msg = NULL;
      g_autofree char *list = NULL;
      const char *near;

      if (g_strv_contains (keys, e->key) || is_localised_text_key (section, e->key))
        continue;
      near = ilv_closest_word (e->key, keys, n_keys);
      list = g_strjoinv (", ", (char **) keys);
      if (near != NULL)
        msg = g_strdup_printf (_("unknown key; did you mean \"%s\"?"), near);
      else if (n_keys == 0)
        msg = g_strdup_printf (_("unknown key; [%s] takes no keys"),
                               ilv_section_kind_to_string (section->kind));
      else
        msg = g_strdup_printf (_("unknown key; expected one of %s"), list);
      return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, e, msg);
    }
  return TRUE;
}

/* ilv_integer_parse() and ilv_duration_parse() */
typedef gboolean (*ParseFunc) (const char  *text,
                               gint64       min,
                               gint64       max,
                               gint64      *out,
                               GError     **error);

/* Parses @key with @parse when the section has it, else keeps *inout. */
static gboolean
get_parsed (Builder          *b,
            const IlvSection *section,
            const char       *key,
            ParseFunc         parse,
            gint64            min,
            gint64            max,
            gint64           *inout)
{
  const IlvEntry *e = lookup (section, key);
  GError *local = NULL;

  if (e != NULL && !parse (e->value, min, max, inout, &local))
    return fail_with (b, section, e, 0, local);
  return TRUE;
}

static gboolean
get_uint (Builder          *b,
          const IlvSection *section,
          const char       *key,
          guint             min,
          guint             max,
          guint            *inout)
{
  gint64 value = *inout;

  if (!get_parsed (b, section, key, ilv_integer_parse, min, max, &value))
    return FALSE;
  *inout = (guint) value;
  return TRUE;
}

static gboolean
get_duration (Builder          *b,
              const IlvSection *section,
              const char       *key,
              gint64            min,
              gint64            max,
              gint64           *inout)
{
  return get_parsed (b, section, key, ilv_duration_parse, min, max, inout);
}

static gboolean
get_bool (Builder          *b,
          const IlvSection *section,
          const char       *key,
          gboolean         *inout)
{
  const IlvEntry *e = lookup (section, key);

  if (e == NULL)
    return TRUE;
  if (strcmp (e->value, "true") == 0 || strcmp (e->value, "1") == 0)
    *inout = TRUE;
  else if (strcmp (e->value, "false") == 0 || strcmp (e->value, "0") == 0)
    *inout = FALSE;
  else
    {
      g_autofree char *quoted = ilv_quote_excerpt (e->value);
      g_autofree char *msg = g_strdup_printf (_("%s is not a boolean; expected true or false"), quoted);

      return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, e, msg);
    }
  return TRUE;
}

static gboolean
require (Builder          *b,
         const IlvSection *section,
         const char       *key,
         const char       *example)
{
  g_autofree char *msg = NULL;

  if (lookup (section, key) != NULL)
    return TRUE;
  msg = g_strdup_printf (_("missing key %s; expected e.g. %s=%s"), key, key, example);
  return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, NULL, msg);
}

static gboolean
get_kind (Builder          *b,
          const IlvSection *section,
          gboolean          allow_async,
          IlvWorkerKind    *inout)
{
  const IlvEntry *e = lookup (section, "Kind");
  IlvWorkerKind kind;

  if (e == NULL)
    return TRUE;
  if (ilv_worker_kind_from_string (e->value, &kind) && (allow_async || kind != ILV_WORKER_ASYNC))
    {
      *inout = kind;
      return TRUE;
    }
  {
    g_autofree char *quoted = ilv_quote_excerpt (e->value);
    g_autofree char *msg = allow_async
      ? g_strdup_printf (_("unknown kind %s; expected thread, process or async"), quoted)
      : g_strdup_printf (_("%s is not a kind of pool; expected thread or process"), quoted);

    return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, e, msg);
  }
}

static gboolean
build_scenario_section (Builder          *b,
                        const IlvSection *section)
{
  IlvScenario *s = b->scenario;
  const IlvEntry *name = lookup (section, "Name");
  const IlvEntry *description = lookup (section, "Description");
  const IlvEntry *topic = lookup (section, "Topic");

  if (!require (b, section, "Name", "Race condition"))
    return FALSE;
  if (*name->value == '\0')
    return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, name,
                    _("empty name; expected a short title"));
  s->name = g_strdup (name->value);
  s->description = description != NULL ? g_strdup (description->value) : NULL;
  s->topic = topic != NULL && *topic->value != '\0' ? g_strdup (topic->value) : NULL;
  return get_bool (b, section, "GIL", &s->gil) &&
         get_duration (b, section, "SwitchInterval", 100 * ILV_NS_PER_US, ILV_NS_PER_S,
                       &s->switch_interval_ns) &&
         get_duration (b, section, "Timeout", ILV_NS_PER_MS, 600 * ILV_NS_PER_S, &s->timeout_ns);
}

static gboolean
fill_resource (Builder          *b,
               const IlvSection *section,
               IlvResource      *r)
{
  switch (section->kind)
    {
    case ILV_SECTION_SEMAPHORE:
      r->initial = 1;
      return get_parsed (b, section, "Value", ilv_integer_parse, 0, MAX_CAPACITY, &r->initial) &&
             get_bool (b, section, "Bounded", &r->bounded);
    case ILV_SECTION_ARRAY:
      if (!require (b, section, "Length", "4") ||
          !get_uint (b, section, "Length", 1, MAX_ELEMENTS, &r->capacity))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case ILV_SECTION_VALUE:
      return get_parsed (b, section, "Initial", ilv_integer_parse, -G_MAXINT64, G_MAXINT64, &r->initial) &&
             get_bool (b, section, "Lock", &r->locked);
    case ILV_SECTION_QUEUE:
    case ILV_SECTION_PIPE:
      return get_uint (b, section, "Capacity", 0, MAX_CAPACITY, &r->capacity);
    case ILV_SECTION_BARRIER:
      return require (b, section, "Parties", "2") &&
             get_uint (b, section, "Parties", 1, MAX_ELEMENTS, &r->capacity);
    default:
      return TRUE;
    }
}

static gboolean
build_resource (Builder          *b,
                const IlvSection *section)
{
  IlvResource *r = g_new0 (IlvResource, 1);

  r->name = g_strdup (section->name);
  r->kind = (IlvResourceKind) (section->kind - ILV_SECTION_LOCK);
  r->line = section->line;
  g_ptr_array_add (b->scenario->resources, r);
  return fill_resource (b, section, r);
}

static gboolean
build_group (Builder          *b,
             const IlvSection *section)
{
  IlvWorkerGroup *g = g_new0 (IlvWorkerGroup, 1);
  const IlvEntry *terminate = lookup (section, "TerminateAt");

  g->name = g_strdup (section->name);
  g->kind = ILV_WORKER_THREAD;
  g->count = 1;
  g->terminate_at_ns = -1;
  g->line = section->line;
  g_ptr_array_add (b->scenario->groups, g);

  if (!get_kind (b, section, TRUE, &g->kind) ||
      !get_uint (b, section, "Count", 1, MAX_COUNT, &g->count) ||
      !require (b, section, "Program", "compute 10ms") ||
      !get_bool (b, section, "Daemon", &g->daemon) ||
      !get_duration (b, section, "StartAt", 0, MAX_START_NS, &g->start_at_ns) ||
      !get_duration (b, section, "TerminateAt", 0, MAX_START_NS, &g->terminate_at_ns))
    return FALSE;
  if (terminate != NULL && g->kind != ILV_WORKER_PROCESS)
    return fail_at (b, ILV_SCENARIO_ERROR_INVALID, section, terminate,
                    _("TerminateAt needs Kind=process: Python threads and async tasks cannot be terminated from outside"));
  return TRUE;
}

static gboolean
build_pool (Builder          *b,
            const IlvSection *section)
{
  IlvPool *p = g_new0 (IlvPool, 1);

  p->name = g_strdup (section->name);
  p->kind = ILV_WORKER_PROCESS;
  p->workers = 1;
  p->tasks = 1;
  p->chunksize = 1;
  p->line = section->line;
  g_ptr_array_add (b->scenario->pools, p);

  return get_kind (b, section, FALSE, &p->kind) &&
         require (b, section, "Workers", "4") &&
         get_uint (b, section, "Workers", 1, MAX_POOL_SIZE, &p->workers) &&
         require (b, section, "Tasks", "16") &&
         get_uint (b, section, "Tasks", 1, MAX_POOL_TASKS, &p->tasks) &&
         get_uint (b, section, "Chunksize", 1, MAX_POOL_TASKS, &p->chunksize) &&
         require (b, section, "Program", "compute 10ms");
}

/* Scenarios travel to process workers written out (ilv_scenario_to_data()),
 * so the canonical spelling must be within the limits too. */
static gboolean
check_written_size (Builder          *b,
                    const IlvSection *section,
                    const IlvEntry   *e,
                    const IlvProgram *program)
{
  guint n = b->scenario->resources->len;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree char *text = NULL;
  g_autofree char *msg = NULL;

  for (guint i = 0; i < n; i++)
    names[i] = ((const IlvResource *) g_ptr_array_index (b->scenario->resources, i))->name;
  text = ilv_program_to_string (program, names, n);
  if (strlen (text) <= ILV_MAX_PROGRAM_BYTES)
    return TRUE;
  msg = g_strdup_printf (_("written out, the program is %zu bytes long; expected at most %d (64 KiB)"),
                         strlen (text), ILV_MAX_PROGRAM_BYTES);
  return fail_at (b, ILV_SCENARIO_ERROR_LIMIT, section, e, msg);
}

static IlvProgram *
build_program (Builder          *b,
               const IlvSection *section,
               gboolean          allow_crash,
               char            **program_text)
{
  const IlvEntry *e = lookup (section, "Program");
  IlvProgramContext ctx = { b->scenario->resources, allow_crash, b->resource_index };
  GError *local = NULL;
  IlvProgram *program;
  guint column = 0;

  if (strlen (e->value) > ILV_MAX_PROGRAM_BYTES)
    {
      g_autofree char *msg = g_strdup_printf (_("the program is %zu bytes long; expected at most %d (64 KiB)"),
                                              strlen (e->value), ILV_MAX_PROGRAM_BYTES);

      fail_at (b, ILV_SCENARIO_ERROR_LIMIT, section, e, msg);
      return NULL;
    }
  program = ilv_program_parse (e->value, &ctx, &column, &local);
  if (program == NULL)
    {
      fail_with (b, section, e, column, local);
      return NULL;
    }
  if (!check_written_size (b, section, e, program))
    {
      ilv_program_free (program);
      return NULL;
    }
  *program_text = g_strdup (e->value);
  return program;
}

static gboolean
build_programs (Builder    *b,
                GPtrArray  *sections)
{
  guint n_groups = 0, n_pools = 0;

  for (guint i = 0; i < b->scenario->resources->len; i++)
    g_hash_table_insert (b->resource_index,
                         ((IlvResource *) g_ptr_array_index (b->scenario->resources, i))->name,
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < sections->len; i++)
    {
      const IlvSection *section = g_ptr_array_index (sections, i);

      if (section->kind == ILV_SECTION_WORKERS)
        {
          IlvWorkerGroup *g = g_ptr_array_index (b->scenario->groups, n_groups++);

          g->program = build_program (b, section, g->kind == ILV_WORKER_PROCESS, &g->program_text);
          if (g->program == NULL)
            return FALSE;
        }
      else if (section->kind == ILV_SECTION_POOL)
        {
          IlvPool *p = g_ptr_array_index (b->scenario->pools, n_pools++);

          p->program = build_program (b, section, p->kind == ILV_WORKER_PROCESS, &p->program_text);
          if (p->program == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static guint
section_workers (Builder          *b,
                 const IlvSection *section,
                 guint             group_index,
                 guint             pool_index,
                 IlvWorkerKind    *kind)
{
  if (section->kind == ILV_SECTION_WORKERS)
    {
      const IlvWorkerGroup *g = g_ptr_array_index (b->scenario->groups, group_index);

      *kind = g->kind;
      return g->count;
    }
  else
    {
      const IlvPool *p = g_ptr_array_index (b->scenario->pools, pool_index);

      *kind = p->kind;
      return p->workers;
    }
}

/* Running totals per kind; the error names the section that went over. */
static gboolean
check_totals (Builder   *b,
              GPtrArray *sections)
{
  static const guint limits[] = {
    [ILV_WORKER_THREAD] = ILV_MAX_THREAD_WORKERS,
    [ILV_WORKER_PROCESS] = ILV_MAX_PROCESS_WORKERS,
    [ILV_WORKER_ASYNC] = ILV_MAX_ASYNC_TASKS,
  };
  guint64 totals[3] = { 0, 0, 0 };
  guint n_groups = 0, n_pools = 0;

  for (guint i = 0; i < sections->len; i++)
    {
      const IlvSection *section = g_ptr_array_index (sections, i);
      IlvWorkerKind kind = ILV_WORKER_THREAD;
      g_autofree char *msg = NULL;
      guint n;

      if (section->kind != ILV_SECTION_WORKERS && section->kind != ILV_SECTION_POOL)
        continue;
      if (section->kind == ILV_SECTION_WORKERS)
        n = section_workers (b, section, n_groups++, 0, &kind);
      else
        n = section_workers (b, section, 0, n_pools++, &kind);
      totals[kind] += n;
      if (totals[kind] <= limits[kind])
        continue;
      if (kind == ILV_WORKER_THREAD)
        msg = g_strdup_printf (_("%" PRIu64 " thread workers in all; at most %u threads: more belongs in processes (Kind=process) or a Pool"),
                               totals[kind], limits[kind]);
      else if (kind == ILV_WORKER_PROCESS)
        msg = g_strdup_printf (_("%" PRIu64 " process workers in all; expected at most %u"),
                               totals[kind], limits[kind]);
      else
        msg = g_strdup_printf (_("%" PRIu64 " async tasks in all; expected at most %u"),
                               totals[kind], limits[kind]);
      return fail_at (b, ILV_SCENARIO_ERROR_LIMIT, section, NULL, msg);
    }
  return TRUE;
}

static gboolean
build_sections (Builder   *b,
                GPtrArray *sections)
{
  for (guint i = 0; i < sections->len; i++)
    {
      const IlvSection *section = g_ptr_array_index (sections, i);
      gboolean ok;

      if (!check_keys (b, section))
        return FALSE;
      if (section->kind == ILV_SECTION_SCENARIO)
        ok = build_scenario_section (b, section);
      else if (section->kind == ILV_SECTION_WORKERS)
        ok = build_group (b, section);
      else if (section->kind == ILV_SECTION_POOL)
        ok = build_pool (b, section);
      else
        ok = build_resource (b, section);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

IlvScenario *
ilv_scenario_build (const IlvScenarioText *text,
                    GError               **error)
{
  g_autoptr(IlvScenario) scenario = ilv_scenario_new_empty (text->source);
  g_autoptr(GHashTable) resource_index = g_hash_table_new (g_str_hash, g_str_equal);
  Builder b = { text->source, scenario, error, resource_index };
  g_autofree char *written = NULL;
  gsize length;
  gboolean has_scenario = FALSE;

  for (guint i = 0; i < text->sections->len; i++)
    if (((const IlvSection *) g_ptr_array_index (text->sections, i))->kind == ILV_SECTION_SCENARIO)
      has_scenario = TRUE;
  if (!has_scenario)
    {
      fail_at (&b, ILV_SCENARIO_ERROR_INVALID, NULL, NULL,
               _("no [Scenario] section; expected [Scenario] with at least Name="));
      return NULL;
    }

  if (!build_sections (&b, text->sections) ||
      !check_totals (&b, text->sections) ||
      !build_programs (&b, text->sections))
    return NULL;

  if (scenario->groups->len == 0 && scenario->pools->len == 0)
    {
      fail_at (&b, ILV_SCENARIO_ERROR_INVALID, NULL, NULL,
               _("no workers; expected at least one [Workers name] or [Pool name] section"));
      return NULL;
    }
  written = ilv_scenario_to_data (scenario, &length);
  if (length > ILV_MAX_FILE_BYTES)
    {
      g_autofree char *msg = g_strdup_printf (_("written out, the scenario takes %zu bytes; expected at most 1 MiB"),
                                              length);

      fail_at (&b, ILV_SCENARIO_ERROR_LIMIT, NULL, NULL, msg);
      return NULL;
    }
  return g_steal_pointer (&scenario);
}
