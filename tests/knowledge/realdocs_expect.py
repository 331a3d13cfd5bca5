"""What a careful reader of each ../shared/realdocs document files knowledge under (names only,
from READER.md; the documents' text is never copied here)."""

from __future__ import annotations

TOPICS: dict[str, list[str]] = {
    "system-design-primer-database": [
        "RDBMS", "ACID", "master-slave replication", "master-master replication", "federation",
        "functional partitioning", "sharding", "denormalization", "SQL tuning", "NoSQL", "BASE",
        "key-value store", "document store", "wide column store", "graph database"],
    "gitea-comparison": ["Gitea", "Gogs", "GitHub EE", "GitLab CE", "GitLab EE", "BitBucket",
                         "RhodeCode CE", "RhodeCode EE"],
    "rclone-overview": [
        "rclone", "1Fichier", "Amazon S3", "Backblaze B2", "Box", "Dropbox", "FTP", "Google Cloud Storage",
        "Google Drive", "Google Photos", "HDFS", "Microsoft OneDrive", "OpenStack Swift", "pCloud", "SFTP",
        "SMB", "Storj", "WebDAV", "Hash", "ModTime", "Case Insensitive", "Duplicate files", "MIME Type",
        "Metadata", "Purge", "Copy", "Move", "DirMove", "CleanUp", "ListR", "StreamUpload",
        "MultithreadUpload", "LinkSharing", "About", "EmptyDir"],
    "attrs-why-not": ["attrs", "Data Classes", "Pydantic", "namedtuples", "tuples", "dicts",
                      "hand-written classes"],
    "got-readme": ["Got", "node-fetch", "ky", "axios", "superagent"],
    "frontend-handbook-html-quiz": ["DOCTYPE", "data- attributes", "HTML5", "progressive rendering",
                                    "srcset", "empty elements", "cookie", "localStorage", "sessionStorage"],
    "prometheus-comparison": ["Prometheus", "Graphite", "InfluxDB", "OpenTSDB", "Nagios", "NetSaint", "Sensu"],
    "design-patterns-for-humans": [
        "Simple Factory", "Factory Method", "Abstract Factory", "Builder", "Prototype", "Singleton",
        "Adapter", "Bridge", "Composite", "Decorator", "Facade", "Flyweight", "Proxy",
        "Chain of Responsibility", "Command", "Iterator", "Mediator", "Memento", "Observer", "Visitor",
        "Strategy", "State", "Template Method"],
}

# Row or column labels that must NOT become topics (they are aspects).
NOT_TOPICS: dict[str, list[str]] = {
    "gitea-comparison": ["Telemetry", "Issue dependency", "Merge queues"],
    "rclone-overview": ["Name"],
    "got-readme": ["HTTP/2 support", "Browser support", "Pagination API"],
    "frontend-handbook-html-quiz": ["Capacity", "Expiry", "What does a DOCTYPE do", "What is progressive rendering",
                                    "References", "Other Answers"],
    "attrs-why-not": ["Why not"],
    "system-design-primer-database": ["Database"],
    "prometheus-comparison": ["Scope", "Data model", "Storage", "Summary", "Prometheus vs. Graphite"],
}

# Topics the ingestion does not find yet (listed so the test states the gap honestly; remove a name
# when it is found).
KNOWN_MISSING: dict[str, set[str]] = {}
