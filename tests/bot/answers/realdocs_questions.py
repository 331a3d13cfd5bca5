"""Questions a team member would ask about each ../shared/realdocs document, one or more per READER.md
example fact and "Also true" line, written BEFORE running prepbot on them.

Each entry is (question, key words). A reply counts as right when every key word is in it
(case-insensitive; `a|b` means either) and it cites the document it came from. Key words are short
words of the fact, never passages of the documents (those stay in the shared folder)."""

from __future__ import annotations

QUESTIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "system-design-primer-database": [
        (
            "what happens in master-slave replication if the master goes offline?",
            ("read-only|read only", "promoted|new master"),
        ),
        ("what is federation?", ("function", "forums|users|products")),
        ("what is the trade-off of denormalization?", ("read performance", "write")),
        ("what is the abstraction of a key-value store?", ("hash table",)),
        ("how fast are reads in a key-value store?", ("O(1)",)),
        ("when should I pick sql over nosql?", ("structured", "schema")),
        ("what are the reasons for nosql?", ("semi-structured", "throughput|flexible|dynamic")),
        ("what does BASE choose?", ("availability", "consistency")),
        ("which was the first wide column store?", ("Bigtable",)),
        ("what type should I use for currency?", ("DECIMAL",)),
    ],
    "gitea-comparison": [
        ("does gitea have telemetry?", ("telemetry", "no|✘")),
        ("does gitlab ce support issue dependency?", ("no|✘",)),
        ("does gogs have low ram usage?", ("yes|✓",)),
        ("does gitea support saml 2.0?", ("saml", "no|✘")),
        ("does gitea have gists?", ("third-party|third party|⚙|opengist",)),
        ("does gitlab ce have subgroups?", ("yes|✓",)),
        ("does gitlab ce have merge queues?", ("no|✘",)),
        ("does github ee support cherry-picking?", ("no|✘",)),
    ],
    "rclone-overview": [
        ("what hash does dropbox use?", ("DBHASH",)),
        ("which hash does onedrive use?", ("QuickXorHash",)),
        ("onedrive modtime?", ("DR/W",)),
        ("which hashes does google drive support?", ("MD5", "SHA1")),
        ("does google drive allow duplicate files?", ("yes",)),
        ("does google photos support copy?", ("no",)),
        ("what does R/W mean for modtime?", ("read", "write")),
        ("does sftp support server-side copy?", ("yes", "hardlink")),
        ("what does listr enable?", ("fast-list",)),
        ("which hash does pcloud support?", ("SHA1",)),
    ],
    "attrs-why-not": [
        ("why not data classes?", ("validators|converters", "557|3.7")),
        ("why not pydantic?", ("validation",)),
        ("how does namedtuple equality work?", ("equal", "type")),
        ("are namedtuples immutable?", ("immutable",)),
        ("why not use a dict?", ("hash",)),
        ("what does order=True do?", ("__lt__|four",)),
        ("what is cattrs?", ("structur|attrs family",)),
    ],
    "got-readme": [
        ("does got work in the browser?", ("no|:x:|❌|✘",)),
        ("what node version does got need for http/2?", ("15.10",)),
        ("does got have a pagination api?", ("yes|✓|:heavy_check_mark:|✔",)),
        ("axios progress events?", ("browser only",)),
        ("node-fetch stream api?", ("node.js only",)),
        ("does got support commonjs?", ("ESM",)),
        ("is got v11 still maintained?", ("no longer maintained",)),
        ("does got retry on failure?", ("retr", "limit")),
        ("who uses got?", ("Renovate",)),
        ("how many requests does microlink serve with got?", ("22M|22 million",)),
    ],
    "frontend-handbook-html-quiz": [
        ("what is the doctype for html5?", ("<!DOCTYPE html>",)),
        ("what does the doctype do?", ("quirks",)),
        ("how much can a cookie hold?", ("4kb",)),
        ("what is the capacity of localstorage?", ("5MB",)),
        ("when does sessionstorage expire?", ("tab",)),
        ("what is the difference between script async and defer?", ("async", "defer", "pars")),
        ("canvas vs svg?", ("raster", "vector")),
        ("which storage is sent to the server with every request?", ("cookie",)),
        ("what are data attributes good for?", ("selenium|testing",)),
    ],
    "prometheus-comparison": [
        ("how does graphite store data?", ("Whisper",)),
        ("when is graphite a better choice than prometheus?", ("clustered|long term|historical",)),
        ("what data types does influxdb support?", ("int64|nanosecond",)),
        ("what timestamp precision does prometheus have?", ("millisecond",)),
        ("when is influxdb better than prometheus?", ("event logging",)),
        ("what is opentsdb built on?", ("Hadoop", "HBase")),
        ("when is nagios a good fit?", ("small|static",)),
        ("how does nagios alert?", ("exit code",)),
        ("where does sensu store event status?", ("etcd|PostgreSQL",)),
        ("prometheus vs sensu for kubernetes?", ("Kubernetes|K8s",)),
    ],
    "design-patterns-for-humans": [
        ("what is a singleton?", ("only one object|one object",)),
        ("why is singleton an anti-pattern?", ("global state|coupling|mock",)),
        ("when should I use builder instead of a factory?", ("multi-step|steps",)),
        ("what is the prototype pattern?", ("clon",)),
        ("how do you customise cloning in php?", ("__clone",)),
        ("what is a facade?", ("simplified interface",)),
        ("what is flyweight used for?", ("memory",)),
        ("what is the factory method pattern?", ("child classes",)),
        ("what language are the examples in?", ("PHP",)),
    ],
}
