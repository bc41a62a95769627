#!/bin/bash
# Creates the Tracker Hub topics (tracker-events Topics.ALL) with their partitions and cleanup policy, once, before
# the services start (docker-compose.yml: service kafka-topics). Already existing topics are left as they are.
# deploy-check's tests compare the 'topic' lines below with Topics.ALL and with k8s/base/kafka/topics.yaml.
set -euo pipefail
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}

topic() { # name partitions cleanup.policy [retention.ms]
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 --config "cleanup.policy=$3" \
    ${4:+--config "retention.ms=$4"}
}

# retention as the KafkaTopics of k8s/base/kafka/topics.yaml: 7 days, dead letters 30 days to look at and replay them
topic tracker.activity 6 delete 604800000
topic tracker.projects 3 compact
topic tracker.stories 6 compact
topic tracker.epics 3 compact
topic tracker.notifications 3 delete 604800000
topic hub.sync-requests 3 delete 604800000
topic hub.deadletter 3 delete 2592000000
