const express = require('express');

const router = express.Router();

router.post('/register', (req, res) => res.status(201).json({}));
router.post('/close', (req, res) => res.status(204).end());

module.exports = router;
