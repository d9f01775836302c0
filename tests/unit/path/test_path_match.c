/* test_path_match.c: Go's path.Match semantics (path_match.c), including malformed patterns. */
#include "check.h"
#include "path_match.h"

typedef struct match_case {
    const char *pattern;
    const char *name;
    int matches;
} match_case;

static const match_case cases[] = {
    {"abc", "abc", 1}, {"*", "abc", 1}, {"*c", "abc", 1}, {"a*", "a", 1}, {"a*", "abc", 1},
    {"a*", "ab/c", 0}, {"a*/b", "abc/b", 1}, {"a*/b", "a/c/b", 0},
    {"a*b*c*d*e*/f", "axbxcxdxe/f", 1}, {"a*b*c*d*e*/f", "axbxcxdxexxx/f", 1},
    {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", 0}, {"a*b*c*d*e*/f", "axbxcxdxexxx/fff", 0},
    {"a*b?c*x", "abxbbxdbxebxczzx", 1}, {"a*b?c*x", "abxbbxdbxebxczzy", 0},
    {"ab[c]", "abc", 1}, {"ab[b-d]", "abc", 1}, {"ab[e-g]", "abc", 0}, {"ab[^c]", "abc", 0},
    {"ab[^b-d]", "abc", 0}, {"ab[^e-g]", "abc", 1}, {"a\\*b", "a*b", 1}, {"a\\*b", "ab", 0},
    {"a?b", "a\xe2\x98\xba" "b", 1}, {"a[^a]b", "a\xe2\x98\xba" "b", 1}, {"a???b", "a\xe2\x98\xba" "b", 0},
    {"a[^a][^a][^a]b", "a\xe2\x98\xba" "b", 0}, {"[a-\xce\xb6]*", "\xce\xb1", 1}, {"*[a-\xce\xb6]", "A", 0},
    {"a?b", "a/b", 0}, {"a*b", "a/b", 0}, {"[\\]a]", "]", 1}, {"[\\-]", "-", 1}, {"[x\\-]", "x", 1},
    {"[x\\-]", "-", 1}, {"[x\\-]", "z", 0}, {"[\\-x]", "x", 1}, {"[\\-x]", "-", 1}, {"[\\-x]", "a", 0},
    {"[]a]", "]", 0}, {"[-]", "-", 0}, {"[x-]", "x", 0}, {"[x-]", "-", 0}, {"[x-]", "z", 0},
    {"[-x]", "x", 0}, {"[-x]", "-", 0}, {"[-x]", "a", 0}, {"\\", "a", 0}, {"[a-b-c]", "a", 0},
    {"[", "a", 0}, {"[^", "a", 0}, {"[^bc", "a", 0}, {"a[", "a", 0}, {"a[", "ab", 0}, {"a[", "x", 0},
    {"a/b[", "x", 0}, {"*x", "xxx", 1}, {"templates/*.yaml", "templates/a.yaml", 1},
    {"templates/*.yaml", "templates/sub/a.yaml", 0}, {"charts/*/templates/*", "charts/sub/templates/x.yaml", 1},
};

static void go_match_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (celm_path_match(cases[i].pattern, cases[i].name) != cases[i].matches)
            check_fail(__FILE__, __LINE__, "Match(%s, %s) should be %d", cases[i].pattern, cases[i].name,
                       cases[i].matches);
}

CHECK_CASES(CASE(go_match_table))
