{{- if .Values.enabled }}
kind: ConfigMap
