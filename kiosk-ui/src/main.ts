import "./linli-app.js";
