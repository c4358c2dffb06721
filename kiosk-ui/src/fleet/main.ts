import "./linli-fleet-app.js";
